// Event building on stories written for this test (not the seeds): three stories from three outlets
// each, a syndicated re-post of one article, and an earlier meeting of the same two officials.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { emptySummary, ingestRaw, refreshEvents } from '../src/ingest/index.js';
import { readFile } from '../src/ingest/read.js';
import { SqliteStore } from '../src/store/sqlite.js';
import type { DossierEvent } from '../src/events/types.js';

const corpusDir = resolve(import.meta.dirname, 'fixtures/events/unseen-corpus');
const files = readdirSync(corpusDir).sort().map((name) => join(corpusDir, name));

let store: SqliteStore;
let events: DossierEvent[];
/** Article id -> file name without extension, and back. */
const fileOf = new Map<string, string>();
const idOf = new Map<string, string>();

const eventWith = (file: string): DossierEvent => {
  const event = events.find((candidate) => candidate.articles.some((article) => article.id === idOf.get(file)));
  assert.ok(event, `no event holds ${file}`);
  return event;
};
const fileNames = (ids: string[]) => ids.map((id) => fileOf.get(id)).sort();

describe('events on an unseen corpus', () => {
  before(async () => {
    store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'dossier-unseen-')), 'test.db'));
    const summary = emptySummary();
    await ingestRaw(store, files.flatMap(readFile), summary);
    await refreshEvents(store, summary.added);
    for (const article of await store.listArticles()) {
      const name = basename(article.source, '.txt');
      fileOf.set(article.id, name);
      idOf.set(name, article.id);
    }
    events = await store.listEvents();
  });
  after(async () => store.close());

  it('builds four events with the day and place the texts give', () => {
    const outline = events
      .map((event) => ({ date: event.date, location: event.location, articles: fileNames(event.articles.map((article) => article.id)) }))
      .sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''));
    assert.deepEqual(outline, [
      { date: '2024-03-05', location: 'Hanoi', articles: ['a0-earlier-meeting-hanoi'] },
      { date: '2025-03-06', location: 'Nairobi', articles: ['b1-wire-rate', 'b2-rate-rise', 'b3-rate-analysis'] },
      { date: '2025-03-09', location: 'Bogota', articles: ['c1-wire-ceasefire', 'c2-truce', 'c3-ceasefire-reaction'] },
      { date: '2025-03-11', location: 'Tashkent', articles: ['a1-wire-talks', 'a2-strategic-dialogue', 'a3-consultations'] },
    ]);
  });

  it('marks the syndicated re-post as a duplicate that is not an independent source', () => {
    const rate = eventWith('b1-wire-rate');
    assert.deepEqual(rate.duplicates, [{ id: idOf.get('b4-syndicated-repost'), duplicateOf: idOf.get('b1-wire-rate') }]);
    assert.deepEqual(fileNames(rate.articles.filter((article) => article.independent).map((article) => article.id)), ['b1-wire-rate', 'b2-rate-rise', 'b3-rate-analysis']);
    for (const event of events.filter((candidate) => candidate !== rate)) assert.deepEqual(event.duplicates, []);
  });

  it('makes one participant of two spellings of a name', () => {
    const meeting = eventWith('a1-wire-talks');
    const saidov = meeting.participants.filter((participant) => /Saidov/.test(participant.name));
    assert.equal(saidov.length, 1);
    assert.equal(saidov[0].name, 'Bakhtiyor Saidov');
    assert.ok(saidov[0].aliases.includes('Bakhtiyar Saidov'));
    assert.deepEqual(fileNames(saidov[0].articles), ['a1-wire-talks', 'a2-strategic-dialogue', 'a3-consultations']);
  });

  it('links the earlier meeting of the same officials as a series', () => {
    const meeting = eventWith('a1-wire-talks');
    const earlier = eventWith('a0-earlier-meeting-hanoi');
    assert.deepEqual(meeting.related.filter((related) => related.relation === 'series').map((related) => related.id), [earlier.id]);
    assert.deepEqual(earlier.related.filter((related) => related.relation === 'series').map((related) => related.id), [meeting.id]);
  });

  it('shows the disputed rate and death toll with their sources, and nothing else as disputed', () => {
    const values = (event: DossierEvent) =>
      event.discrepancies.map((discrepancy) => discrepancy.values.map((value) => ({ value: value.value, articles: fileNames(value.articles) })));
    assert.deepEqual(values(eventWith('b1-wire-rate')), [[
      { value: '11.25%', articles: ['b1-wire-rate', 'b3-rate-analysis'] },
      { value: '11.5%', articles: ['b2-rate-rise'] },
    ]]);
    assert.deepEqual(values(eventWith('c1-wire-ceasefire')), [[
      { value: '40 people', articles: ['c1-wire-ceasefire', 'c3-ceasefire-reaction'] },
      { value: '45 people', articles: ['c2-truce'] },
    ]]);
    assert.deepEqual(values(eventWith('a1-wire-talks')), []);
    assert.deepEqual(values(eventWith('a0-earlier-meeting-hanoi')), []);
  });

  it('aligns a quote across the outlets that carry it', () => {
    for (const [file, speaker] of [['a1-wire-talks', 'Bakhtiyor Saidov'], ['b1-wire-rate', 'Kamau Thugge'], ['c1-wire-ceasefire', 'Vera Grabe']]) {
      const event = eventWith(file);
      const shared = event.quotes.filter((quote) => quote.articles.length === 3);
      assert.deepEqual(shared.map((quote) => quote.speaker), [speaker]);
      assert.deepEqual(fileNames(shared[0].articles), fileNames(event.articles.filter((article) => article.independent).map((article) => article.id)));
    }
  });

  it('tells which outlet calls the meeting talks and which a strategic dialogue', () => {
    const termsOf = (file: string) => eventWith(file).framing.find((framing) => framing.article === idOf.get(file))?.terms ?? [];
    assert.ok(termsOf('a1-wire-talks').includes('talks'));
    assert.ok(termsOf('a2-strategic-dialogue').includes('strategic dialogue'));
    assert.ok(!termsOf('a1-wire-talks').includes('strategic dialogue'));
  });
});
