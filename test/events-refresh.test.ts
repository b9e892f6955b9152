import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { emptySummary, ingestRaw, refreshEvents } from '../src/ingest/index.js';
import { readFile } from '../src/ingest/read.js';
import { SqliteStore } from '../src/store/sqlite.js';
import type { DossierEvent } from '../src/events/types.js';
import type { RawDocument } from '../src/types.js';

const seedsDir = resolve(import.meta.dirname, '../examples/seeds');
const seeds = readdirSync(seedsDir).sort().map((name) => join(seedsDir, name));
const tempStore = (): SqliteStore => new SqliteStore(join(mkdtempSync(join(tmpdir(), 'dossier-refresh-')), 'test.db'));

/** Ingests the files as one batch and refreshes the events incrementally, as `dossier ingest` does. */
async function ingestBatch(store: SqliteStore, raws: RawDocument[]): Promise<string[]> {
  const summary = emptySummary();
  await ingestRaw(store, raws, summary);
  await refreshEvents(store, summary.added);
  return summary.added;
}

/** What grouping decides: the articles of each event, its day and its place (ids depend on the history of the
 *  grouping: an event keeps the id it had before an article joined it). */
const outline = (events: DossierEvent[]) =>
  events
    .map((event) => ({ date: event.date, location: event.location, articles: event.articles.map((article) => article.id).sort() }))
    .sort((a, b) => a.articles[0].localeCompare(b.articles[0]));

const unrelated: RawDocument = {
  source: 'inbox/harbour.txt',
  bytes: Buffer.from(
    [
      'Harbour crane collapses in Valparaiso storm',
      '',
      'VALPARAISO, Chile, March 14, 2024 - A container crane collapsed at the port of Valparaiso on Thursday as storm winds reached 110 km/h, the port authority said.',
      'Nobody was hurt, said Camila Rojas, a spokeswoman for the Empresa Portuaria Valparaiso, adding that loading would resume once engineers had inspected the remaining cranes.',
      'Dock workers said the storm was the strongest to hit the port in a decade, and shipping lines diverted three vessels to San Antonio.',
    ].join('\n'),
  ),
};

describe('refreshEvents', () => {
  it('gives the events of a full rebuild when the seeds come in two batches', async () => {
    const whole = tempStore();
    const summary = emptySummary();
    await ingestRaw(whole, seeds.flatMap(readFile), summary);
    await refreshEvents(whole);
    const split = tempStore();
    await ingestBatch(split, seeds.slice(0, 3).flatMap(readFile));
    await ingestBatch(split, seeds.slice(3).flatMap(readFile));
    const expected = await whole.listEvents();
    assert.equal(expected.length, 2);
    assert.deepEqual(outline(await split.listEvents()), outline(expected));
    await whole.close();
    await split.close();
  });

  it('keeps the id of an event an article joins, and redirects the id of an event merged into another', async () => {
    const store = tempStore();
    await ingestBatch(store, seeds.slice(0, 3).flatMap(readFile));
    const first = await store.listEvents();
    await ingestBatch(store, seeds.slice(3).flatMap(readFile));
    const second = await store.listEvents();
    for (const earlier of first) {
      const now = second.find((event) => event.id === earlier.id);
      if (now) {
        for (const article of earlier.articles) assert.ok(now.articles.some((a) => a.id === article.id), `${earlier.id} kept its articles`);
        continue;
      }
      const movedTo = await store.eventRedirect(earlier.id);
      assert.ok(movedTo, `${earlier.id} is live or redirects`);
      assert.ok(second.some((event) => event.id === movedTo && earlier.articles.some((article) => event.articles.some((a) => a.id === article.id))));
    }
    // A full rebuild over the same articles keeps every id.
    await refreshEvents(store);
    assert.deepEqual((await store.listEvents()).map((event) => event.id).sort(), second.map((event) => event.id).sort());
    await store.close();
  });

  it('groups articles an interrupted ingest stored without events at the next refresh', async () => {
    const store = tempStore();
    await ingestBatch(store, seeds.slice(0, 3).flatMap(readFile));
    // The run stores two more articles and dies before refreshing events.
    await ingestRaw(store, seeds.slice(3).flatMap(readFile), emptySummary());
    assert.equal((await store.articlesWithoutEvents()).length, 2);
    // The next run adds nothing new, yet the stranded articles get their events.
    assert.deepEqual(await ingestBatch(store, seeds.slice(3).flatMap(readFile)), []);
    const grouped = new Set((await store.listEvents()).flatMap((event) => event.articles.map((a) => a.id)));
    assert.equal(grouped.size, 5);
    assert.deepEqual(await store.articlesWithoutEvents(), []);
    await store.close();
  });

  it('leaves the events an unrelated article cannot join as stored, and bumps the events version', async () => {
    const store = tempStore();
    await ingestBatch(store, seeds.flatMap(readFile));
    const before = await store.listEvents();
    const version = await store.eventsVersion();
    const [added] = await ingestBatch(store, [unrelated]);
    assert.notEqual(await store.eventsVersion(), version);
    const after = await store.listEvents();
    assert.deepEqual(after.filter((event) => !event.articles.some((article) => article.id === added)), before);
    assert.deepEqual(
      after.filter((event) => event.articles.some((article) => article.id === added)).map((event) => event.articles.length),
      [1],
    );
    await store.close();
  });

  it('does no event work when the batch adds nothing', async () => {
    const store = tempStore();
    await ingestBatch(store, seeds.slice(0, 2).flatMap(readFile));
    const version = await store.eventsVersion();
    assert.deepEqual(await ingestBatch(store, seeds.slice(0, 2).flatMap(readFile)), []);
    assert.equal(await store.eventsVersion(), version);
    assert.equal(await refreshEvents(store, []), (await store.listEvents()).length);
    await store.close();
  });
});
