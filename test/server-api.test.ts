// Every route of the HTTP app through app.request(): results, validation errors, 404s,
// security headers, escaping of untrusted text, and upload ingest being off by default.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { CONTENT_SECURITY_POLICY, createApp } from '../src/server/app.js';
import { stripBars } from '../src/server/pages/events.js';
import type { SqliteStore } from '../src/store/sqlite.js';
import { fixtureStore, readServerFixture } from './fixtures/server/load.js';

const STRIKE = 'ev-arlenby-strike-2025-06-11';
const TALKS = 'ev-arlenby-talks-2025-06-03';
const LEDGER = 'a1b2c3d4e5f60718';
const WIRE = 'b2c3d4e5f6071829';
const REPOST = 'c3d4e5f607182930';
const INJECTED = 'd4e5f60718293a4b';

let store: SqliteStore;
let app: Hono;

before(async () => {
  store = await fixtureStore();
  app = createApp(store, {});
});

after(async () => {
  await store.close();
});

async function getJson(url: string, status = 200): Promise<any> {
  const response = await app.request(url);
  assert.equal(response.status, status, `${url} answered ${response.status}`);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  return response.json();
}

async function getHtml(url: string, status = 200): Promise<string> {
  const response = await app.request(url);
  assert.equal(response.status, status, `${url} answered ${response.status}`);
  assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
  return response.text();
}

test('fixture annotations point at their text', () => {
  for (const article of readServerFixture().articles) {
    const spans = [...(article.entities ?? []).flatMap((e) => e.mentions), ...(article.dates ?? []), ...(article.quotes ?? [])];
    for (const span of spans) assert.equal(article.text.slice(span.start, span.end), span.text);
  }
});

describe('GET /api/events', () => {
  test('lists events newest first with summaries', async () => {
    const body = await getJson('/api/events');
    assert.equal(body.total, 2);
    assert.deepEqual(body.events.map((e: { id: string }) => e.id), [STRIKE, TALKS]);
    assert.deepEqual(body.events[0], {
      id: STRIKE,
      title: 'Dockworkers strike at the port of Arlenby',
      date: '2025-06-11',
      location: 'Arlenby',
      independentSources: 2,
      articleCount: 3,
      publishers: ['Harbor Ledger', 'Coastal Wire', 'Bay Daily'],
      participants: [
        { id: 'marta-kovel', name: 'Marta Kovel', type: 'person' },
        { id: 'arlenby-port-workers-union', name: 'Arlenby Port Workers Union', type: 'organization' },
        { id: 'port-authority', name: 'Port Authority', type: 'organization' },
        { id: 'daniel-ruiz', name: 'Daniel Ruiz', type: 'person' },
        { id: 'arlenby', name: 'Arlenby', type: 'location' },
      ],
      lastUpdated: '2025-06-12T07:00:00.000Z',
    });
  });

  const cases: [string, string[]][] = [
    ['q=fair+offer', [STRIKE]],
    ['q=STRIKE+arlenby', [STRIKE]],
    ['q=nothing+like+this', []],
    ['from=2025-06-05', [STRIKE]],
    ['to=2025-06-05', [TALKS]],
    ['from=2025-06-03&to=2025-06-03', [TALKS]],
    ['participant=daniel-ruiz', [STRIKE]],
    ['participant=kovel', [STRIKE, TALKS]],
    ['place=arlen', [STRIKE, TALKS]],
    ['source=coastal', [STRIKE]],
    [`source=${INJECTED}`, [TALKS]],
    ['minSources=2', [STRIKE]],
    ['limit=1', [STRIKE]],
    ['limit=1&offset=1', [TALKS]],
    ['q=&from=&minSources=', [STRIKE, TALKS]],
  ];
  for (const [query, ids] of cases) {
    test(`filters: ${query}`, async () => {
      const body = await getJson(`/api/events?${query}`);
      assert.deepEqual(body.events.map((e: { id: string }) => e.id), ids);
    });
  }

  const bad: [string, string][] = [
    ['from=2025-13-01', 'from: expected a date as YYYY-MM-DD'],
    ['to=yesterday', 'to: expected a date as YYYY-MM-DD'],
    ['from=2025-06-10&to=2025-06-01', 'from: from must not be after to'],
    ['minSources=-1', 'minSources: expected a whole number in decimal digits'],
    ['minSources=two', 'minSources: expected a whole number in decimal digits'],
    ['limit=0x10', 'limit: expected a whole number in decimal digits'],
    ['limit=1e2', 'limit: expected a whole number in decimal digits'],
    ['limit=5&limit=6', 'limit: given more than once'],
    ['limit=0', 'limit: Too small: expected number to be >=1'],
    ['limit=501', 'limit: Too big: expected number to be <=500'],
    ['offset=1.5', 'offset: expected a whole number in decimal digits'],
    ['colour=red', 'unknown parameter "colour"'],
  ];
  for (const [query, error] of bad) {
    test(`rejects ${query}`, async () => {
      assert.deepEqual(await getJson(`/api/events?${query}`, 400), { error });
    });
  }
});

describe('GET /api/events/:id', () => {
  test('returns the event, its brief and the cited sentences of each source', async () => {
    const body = await getJson(`/api/events/${STRIKE}`);
    assert.equal(body.event.id, STRIKE);
    assert.deepEqual(Object.keys(body).sort(), ['brief', 'event', 'sources']);
    assert.equal(body.brief.headline, 'Dockworkers strike at the port of Arlenby');
    // The summary itself belongs to src/report; here: each of its sentences is cited exactly.
    assert.ok(body.brief.whatHappened.length > 0);
    for (const { text, citation } of body.brief.whatHappened) {
      const article = readServerFixture().articles.find((a) => a.id === citation.article);
      assert.equal(article?.text.slice(citation.start, citation.end), text);
    }
    assert.equal(body.brief.agreements.length, 2);
    assert.equal(body.brief.contradictions.claims.length, 1);
    assert.equal(body.brief.singleSource.length, 1);
    assert.equal(body.event.participants.length, 5);
    assert.equal(body.event.quotes.length, 1);
    assert.equal(body.event.actions[0].type, 'PROTEST');
    assert.equal(body.event.discrepancies.length, 2);
    assert.equal(body.event.related.length, 2);
    assert.deepEqual(
      body.sources.map((s: { meta: { id: string }; available: boolean }) => [s.meta.id, s.available]),
      [[LEDGER, true], [WIRE, true], [REPOST, true]],
    );
    // Source [2]'s highlighted sentences: those the event's claims cite (0, 2, 3) plus those the brief quotes.
    const briefCited = body.brief.whatHappened
      .filter((sentence: { citation: { article: string } }) => sentence.citation.article === WIRE)
      .map((sentence: { citation: { sentence: number } }) => sentence.citation.sentence);
    const expected = [...new Set([0, 2, 3, ...briefCited])].sort((a, b) => a - b);
    assert.deepEqual(body.sources[1].citedSentences.map((s: { index: number }) => s.index), expected);
    assert.deepEqual(body.sources[1].citedSentences.find((s: { index: number }) => s.index === 2), {
      index: 2,
      start: 192,
      end: 263,
      text: 'Port Authority chief executive Daniel Ruiz said the strike was illegal.',
    });
    assert.deepEqual(body.sources[2].citedSentences, []);
  });

  test('404 for an unknown event', async () => {
    assert.deepEqual(await getJson('/api/events/no-such-event', 404), { error: 'no such event' });
  });

  test('400 for an id that is too long, or an unknown parameter', async () => {
    assert.deepEqual(await getJson(`/api/events/${'x'.repeat(201)}`, 400), {
      error: 'id: event id is at most 200 characters',
    });
    assert.deepEqual(await getJson(`/api/events/${STRIKE}?full=1`, 400), { error: 'unknown parameter "full"' });
  });
});

describe('GET /api/articles/:id', () => {
  test('returns text, annotations, sentences, events, duplicates and participants', async () => {
    const body = await getJson(`/api/articles/${WIRE}`);
    assert.equal(body.article.publisher, 'Coastal Wire');
    assert.equal(body.article.entities.length, 5);
    assert.equal(body.article.dates.length, 4);
    assert.equal(body.article.quotes.length, 2);
    assert.equal(body.sentences.length, 5);
    assert.deepEqual(body.events, [{ id: STRIKE, title: 'Dockworkers strike at the port of Arlenby', date: '2025-06-11' }]);
    assert.deepEqual(body.duplicates, [{ id: REPOST, relation: 'copy', event: STRIKE }]);
    assert.deepEqual(body.participants.map((p: { id: string }) => p.id), [
      'marta-kovel',
      'arlenby-port-workers-union',
      'port-authority',
      'daniel-ruiz',
      'arlenby',
    ]);
  });

  test('the re-post names its original', async () => {
    const body = await getJson(`/api/articles/${REPOST}`);
    assert.deepEqual(body.duplicates, [{ id: WIRE, relation: 'original', event: STRIKE }]);
  });

  test('captions, comments and removed lines come back as stored', async () => {
    const body = await getJson(`/api/articles/${LEDGER}`);
    assert.deepEqual(body.article.captions, ['Cranes stand idle at the port of Arlenby on Wednesday.']);
    assert.deepEqual(body.article.comments, [{ author: 'dockside', text: 'About time they stood up for themselves.' }]);
    assert.deepEqual(body.article.removed.map((r: { reason: string }) => r.reason), [
      'boilerplate: call to action',
      'boilerplate: advertisement label',
    ]);
  });

  test('404 for an unknown article, 400 for a malformed id', async () => {
    assert.deepEqual(await getJson('/api/articles/0000000000000000', 404), { error: 'no such article' });
    assert.deepEqual(await getJson('/api/articles/not-an-id', 400), {
      error: 'id: article id is 16 lowercase hex characters',
    });
  });
});

describe('GET /api/entities/:id', () => {
  test('gathers a participant across events in date order', async () => {
    const body = await getJson('/api/entities/marta-kovel');
    assert.equal(body.name, 'Marta Kovel');
    assert.deepEqual(body.aliases, ['Kovel']);
    assert.deepEqual(body.roles, [
      { role: 'union negotiator', first: '2025-06-03', events: [TALKS] },
      { role: 'Union leader', first: '2025-06-11', events: [STRIKE] },
      { role: 'head of the Arlenby Port Workers Union', first: '2025-06-11', events: [STRIKE] },
    ]);
    assert.deepEqual(body.events.map((e: { id: string }) => e.id), [TALKS, STRIKE]);
    assert.deepEqual(body.quotes.map((q: { text: string }) => q.text), [
      'an insult to every worker on this quay.',
      'We have waited two years for a fair offer.',
    ]);
  });

  test('404 for an unknown participant', async () => {
    assert.deepEqual(await getJson('/api/entities/nobody', 404), { error: 'no participant with this id' });
  });
});

describe('GET /api/search', () => {
  test('finds articles by words in their text', async () => {
    const body = await getJson('/api/search?q=Selby');
    assert.deepEqual(body.hits.map((h: { id: string }) => h.id), [LEDGER]);
    assert.match(body.hits[0].snippet, /\[Selby\]/);
  });

  test('requires q and bounds limit', async () => {
    assert.deepEqual(await getJson('/api/search', 400), { error: 'q: q is required' });
    assert.deepEqual(await getJson('/api/search?q=+', 400), { error: 'q: q must not be empty' });
    assert.deepEqual(await getJson('/api/search?q=port&limit=1000', 400), {
      error: 'limit: Too big: expected number to be <=100',
    });
  });
});

describe('POST /api/ingest', () => {
  function upload(): FormData {
    const form = new FormData();
    form.append('files', new File(['Some text'], 'note.txt', { type: 'text/plain' }));
    return form;
  }

  test('is refused unless the server allows ingest', async () => {
    const response = await app.request('/api/ingest', { method: 'POST', body: upload() });
    assert.equal(response.status, 403);
    assert.deepEqual(await response.json(), { error: 'ingest is disabled: start the server with --allow-ingest' });
  });

  test('refuses uploads over the size limit with 413', async () => {
    const small = createApp(store, { allowIngest: true, maxUploadBytes: 64 });
    const form = new FormData();
    form.append('files', new File(['x'.repeat(1000)], 'big.txt', { type: 'text/plain' }));
    const response = await small.request('/api/ingest', { method: 'POST', body: form });
    assert.equal(response.status, 413);
    assert.deepEqual(await response.json(), { error: 'the upload is larger than 64 bytes' });
  });

  test('runs the ingest pipeline when allowed and lists the new article', async () => {
    const fresh = await fixtureStore();
    try {
      const open = createApp(fresh, { allowIngest: true });
      const text = [
        'Tollmere ferry crews accept new contract',
        'Ferry crews in the harbour town of Tollmere voted on Monday to accept a new contract, ending a dispute over night shifts.',
        'The agreement raises pay by four percent and limits overnight crossings to two a week for each crew member.',
        'Union officials said the vote passed by a wide margin after three months of talks with the operator.',
      ].join('\n\n');
      const form = new FormData();
      form.append('files', new File([text], 'tollmere.txt', { type: 'text/plain' }));
      const response = await open.request('/api/ingest', { method: 'POST', body: form });
      assert.equal(response.status, 200);
      const summary = await response.json();
      assert.equal(summary.files, 1);
      assert.equal(summary.ok, 1);
      assert.equal(summary.added.length, 1);
      const stored = await open.request(`/api/articles/${summary.added[0]}`);
      assert.equal(stored.status, 200);
      assert.match((await stored.json()).article.text, /Ferry crews in the harbour town of Tollmere voted on Monday/);
    } finally {
      await fresh.close();
    }
  });

  test('asks for files when the form has none', async () => {
    const open = createApp(store, { allowIngest: true });
    const form = new FormData();
    form.append('other', 'value');
    const response = await open.request('/api/ingest', { method: 'POST', body: form });
    assert.equal(response.status, 400);
    assert.match((await response.json()).error, /^files: /);
  });
});

describe('timeline strip', () => {
  const daysFrom = (first: string, n: number) =>
    Array.from({ length: n }, (_, i) => ({ date: new Date(Date.parse(first) + i * 86_400_000).toISOString().slice(0, 10), count: 1 }));

  test('one bar per day while they fit', () => {
    assert.deepEqual(stripBars([{ date: '2025-06-03', count: 1 }, { date: '2025-06-11', count: 2 }]), [
      { label: '2025-06-03', from: '2025-06-03', to: '2025-06-03', count: 1 },
      { label: '2025-06-11', from: '2025-06-11', to: '2025-06-11', count: 2 },
    ]);
  });

  test('months when there are too many days, years when there are too many months', () => {
    assert.deepEqual(stripBars(daysFrom('2024-01-01', 70)), [
      { label: '2024-01', from: '2024-01-01', to: '2024-01-31', count: 31 },
      { label: '2024-02', from: '2024-02-01', to: '2024-02-29', count: 29 },
      { label: '2024-03', from: '2024-03-01', to: '2024-03-31', count: 10 },
    ]);
    const monthly = Array.from({ length: 61 }, (_, i) => ({ date: `${2020 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-15`, count: 2 }));
    assert.deepEqual(
      stripBars(monthly).map((bar) => [bar.label, bar.from, bar.to, bar.count]),
      [
        ['2020', '2020-01-01', '2020-12-31', 24],
        ['2021', '2021-01-01', '2021-12-31', 24],
        ['2022', '2022-01-01', '2022-12-31', 24],
        ['2023', '2023-01-01', '2023-12-31', 24],
        ['2024', '2024-01-01', '2024-12-31', 24],
        ['2025', '2025-01-01', '2025-12-31', 2],
      ],
    );
  });
});

describe('event freshness', () => {
  test('events rebuilt in the store show up on the next request; unchanged events are not re-read', async () => {
    const fresh = await fixtureStore();
    try {
      let digestReads = 0;
      const counting = Object.assign(Object.create(fresh) as SqliteStore, {
        listEventDigests: () => {
          digestReads++;
          return fresh.listEventDigests();
        },
      });
      const open = createApp(counting, {});
      const ids = async () => ((await (await open.request('/api/events')).json()) as { events: { id: string }[] }).events.map((e) => e.id);
      assert.deepEqual(await ids(), [STRIKE, TALKS]);
      assert.deepEqual(await ids(), [STRIKE, TALKS]);
      assert.equal(digestReads, 1);
      // What a CLI ingest in another process does: replace the events.
      await fresh.replaceEvents(readServerFixture().events.filter((e) => e.id === TALKS));
      assert.deepEqual(await ids(), [TALKS]);
      assert.equal(digestReads, 2);
    } finally {
      await fresh.close();
    }
  });
});

describe('ids in URLs', () => {
  // Participant ids have had several forms (`person:marta kovel`, `person-marta-kovel`): links
  // encode them and routes decode them, so any form works.
  test('links encode participant ids and routes accept them encoded or not', async () => {
    const fresh = await fixtureStore();
    try {
      const events = readServerFixture().events.map((event) => ({
        ...event,
        participants: event.participants.map((p) => (p.id === 'marta-kovel' ? { ...p, id: 'person:marta kovel/1' } : p)),
      }));
      await fresh.replaceEvents(events);
      const open = createApp(fresh, {});
      const page = await (await open.request(`/events/${STRIKE}`)).text();
      assert.match(page, /<a href="\/entities\/person%3Amarta%20kovel%2F1">Marta Kovel<\/a>/);
      for (const url of ['/api/entities/person%3Amarta%20kovel%2F1', '/api/entities/person:marta%20kovel%2F1']) {
        const response = await open.request(url);
        assert.equal(response.status, 200, url);
        assert.equal(((await response.json()) as { id: string }).id, 'person:marta kovel/1');
      }
      assert.equal((await open.request('/entities/person%3Amarta%20kovel%2F1')).status, 200);
      const list = (await (await open.request('/api/events?participant=person%3Amarta%20kovel%2F1')).json()) as { total: number };
      assert.equal(list.total, 2);
    } finally {
      await fresh.close();
    }
  });
});

describe('OpenAPI document', () => {
  test('describes every route', async () => {
    const body = await getJson('/api/openapi.json');
    assert.equal(body.openapi, '3.0.3');
    assert.deepEqual(Object.keys(body.paths).sort(), [
      '/',
      '/api/articles/{id}',
      '/api/entities/{id}',
      '/api/events',
      '/api/events/{id}',
      '/api/ingest',
      '/api/search',
      '/api/sources',
      '/api/sources/{id}',
      '/articles/{id}',
      '/assets/{name}',
      '/entities/{id}',
      '/events/{id}',
      '/search',
      '/sources',
    ]);
    const eventParams = body.paths['/api/events'].get.parameters.map((p: { name: string }) => p.name);
    assert.deepEqual(eventParams, ['q', 'from', 'to', 'participant', 'place', 'source', 'minSources', 'limit', 'offset']);
  });
});

describe('headers and errors', () => {
  test('every response carries the CSP and nosniff, and no CORS header', async () => {
    for (const url of ['/', `/events/${STRIKE}`, `/articles/${LEDGER}`, '/entities/marta-kovel', '/api/events', '/nowhere', '/assets/app.css']) {
      const response = await app.request(url, { headers: { Origin: 'https://elsewhere.example' } });
      assert.equal(response.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY, url);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff', url);
      assert.equal(response.headers.get('access-control-allow-origin'), null, url);
    }
  });

  test('unknown API routes get JSON 404s, unknown pages an HTML 404', async () => {
    assert.deepEqual(await getJson('/api/nothing', 404), { error: 'no route for GET /api/nothing' });
    assert.match(await getHtml('/nothing', 404), /<h1>Not found<\/h1>/);
  });

  test('a failing store yields a plain 500 without a stack trace', async () => {
    const broken = createApp(
      Object.assign(Object.create(store) as SqliteStore, { listEventDigests: () => Promise.reject(new Error('disk on fire')) }),
      {},
    );
    const originalError = console.error;
    console.error = () => {};
    try {
      const response = await broken.request('/api/events');
      assert.equal(response.status, 500);
      assert.deepEqual(await response.json(), { error: 'internal error' });
    } finally {
      console.error = originalError;
    }
  });
});

describe('HTML pages', () => {
  test('events page lists events and validates its filters', async () => {
    const page = await getHtml('/?participant=daniel-ruiz');
    assert.match(page, /Dockworkers strike at the port of Arlenby/);
    assert.doesNotMatch(page, /Arlenby wage talks collapse/);
    assert.match(await getHtml('/?from=soon', 400), /from: expected a date as YYYY-MM-DD/);
  });

  test('event page links citations to sentence anchors and marks stances', async () => {
    const page = await getHtml(`/events/${STRIKE}`);
    assert.match(page, new RegExp(`<a class="cite" href="/articles/${LEDGER}#s0"`));
    assert.match(page, /class="stance stance-contradicts"/);
    assert.match(page, /<canvas id="timeline-chart"/);
    assert.match(page, /<script src="\/assets\/chart.umd.min.js" defer><\/script>/);
    assert.match(await getHtml('/events/unknown', 404), /There is no event with this id/);
  });

  test('event page says so when a section has nothing in it', async () => {
    const fresh = await fixtureStore();
    try {
      const talks = readServerFixture().events.find((event) => event.id === TALKS)!;
      const bare = { ...talks, participants: [], quotes: [], actions: [], claims: [], discrepancies: [], framing: [], related: [] };
      await fresh.replaceEvents([bare]);
      const page = await (await createApp(fresh, {}).request(`/events/${TALKS}`)).text();
      for (const text of [
        'No disagreement found between the sources.',
        'No people, organisations or places were recognised.',
        'No claims were extracted from the sources.',
        'No quotes were found in the sources.',
        'No outlet used wording the others did not.',
        'No actions were coded from the sources.',
      ]) {
        assert.ok(page.includes(`<p class="none">${text}</p>`), text);
      }
    } finally {
      await fresh.close();
    }
  });

  test('article page has sentence anchors and annotation spans', async () => {
    const page = await getHtml(`/articles/${LEDGER}`);
    assert.match(page, /<span class="sentence" id="s0">/);
    assert.match(page, /<a class="entity entity-person" href="\/entities\/marta-kovel" title="person: Marta Kovel \(Union leader\)">Marta Kovel<\/a>/);
    assert.match(page, /<span class="date" title="date: 2025-06-03">June 3<\/span>/);
    assert.match(page, /<span class="quote quote-direct" title="direct quote: Marta Kovel">We have waited <span class="date" title="date: P2Y">two years<\/span> for a fair offer.<\/span>/);
    assert.match(await getHtml('/articles/0000000000000000', 404), /There is no article with this id/);
  });

  test('untrusted text is escaped everywhere', async () => {
    const article = await getHtml(`/articles/${INJECTED}`);
    const event = await getHtml(`/events/${TALKS}`);
    for (const page of [article, event]) {
      assert.doesNotMatch(page, /<img src=x/);
      assert.doesNotMatch(page, /<script>alert/);
    }
    assert.match(article, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(article, /<dd>javascript:alert\(1\)<\/dd>/);
    assert.match(event, /Readers pasted &lt;script&gt;alert\(1\)&lt;\/script&gt; into the form/);
  });

  test('entity and search pages render', async () => {
    assert.match(await getHtml('/entities/port-authority'), /<h1>Port Authority<\/h1>/);
    assert.match(await getHtml('/entities/nobody', 404), /No event has a participant with this id/);
    assert.match(await getHtml('/search?q=Selby'), /<mark>Selby<\/mark>/);
  });

  test('assets come from the process: stylesheet, script and Chart.js', async () => {
    for (const [name, type] of [['app.css', 'text/css'], ['app.js', 'text/javascript'], ['chart.umd.min.js', 'text/javascript']]) {
      const response = await app.request(`/assets/${name}`);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', new RegExp(`^${type}`));
    }
    assert.match(await getHtml('/assets/other.js', 400), /name: no such asset/);
  });
});
