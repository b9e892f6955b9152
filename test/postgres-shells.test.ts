// The CLI, `dossier migrate` and the HTTP API on PostgreSQL give what they give on SQLite.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createApp } from '../src/server/app.js';
import { copyStore } from '../src/store/copy.js';
import { PgStore } from '../src/store/postgres.js';
import { fixtureStore, readServerFixture } from './fixtures/server/load.js';
import { freshDatabase, pgSkipReason } from './support/postgres.js';

const skip = pgSkipReason();
const root = join(import.meta.dirname, '..');
const cli = join(root, 'dist', 'cli', 'main.js');
const seeds = join(root, 'examples', 'seeds');

function dossier(args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, DOSSIER_DB: '' } });
  assert.equal(result.status, 0, `dossier ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

const searchIds = (stdout: string): string[] => (JSON.parse(stdout) as { hits: { id: string }[] }).hits.map((hit) => hit.id).sort();

describe('the CLI on PostgreSQL', { skip }, () => {
  it('ingests, exports, lists events, searches and writes briefs as on SQLite; migrate copies a SQLite database', async () => {
    const sqlite = join(mkdtempSync(join(tmpdir(), 'dossier-pg-cli-')), 'seeds.db');
    const postgres = await freshDatabase();
    const onSqlite = JSON.parse(dossier(['ingest', seeds, '--db', sqlite, '--json']));
    const onPostgres = JSON.parse(dossier(['ingest', seeds, '--db', postgres, '--json']));
    assert.deepEqual(onPostgres, onSqlite);
    assert.equal(onPostgres.events, 2);
    assert.equal(JSON.parse(dossier(['ingest', seeds, '--db', postgres, '--json'])).known, 5);

    const exported = dossier(['export', '--db', sqlite]);
    assert.equal(dossier(['export', '--db', postgres]), exported);
    assert.equal(dossier(['events', '--db', postgres]), dossier(['events', '--db', sqlite]));
    assert.equal(dossier(['events', '--rebuild', '--json', '--db', postgres]), dossier(['events', '--rebuild', '--json', '--db', sqlite]));
    const eventId = (JSON.parse(exported) as { events: { id: string }[] }).events[0].id;
    assert.equal(dossier(['brief', eventId, '--db', postgres]), dossier(['brief', eventId, '--db', sqlite]));
    // Ranking and snippets are each engine's own; the articles found are the same.
    for (const query of ['minister', 'strategic dialogue', 'Taiwan']) {
      const hits = searchIds(dossier(['search', query, '--json', '--db', postgres]));
      assert.ok(hits.length > 0, query);
      assert.deepEqual(hits, searchIds(dossier(['search', query, '--json', '--db', sqlite])));
    }

    const copy = await freshDatabase();
    assert.deepEqual(JSON.parse(dossier(['migrate', '--from', sqlite, '--to', copy, '--json'])), { articles: 5, events: 2 });
    assert.equal(dossier(['export', '--db', copy]), exported);
    const again = spawnSync(process.execPath, [cli, 'migrate', '--from', sqlite, '--to', copy], { encoding: 'utf8' });
    assert.equal(again.status, 2);
    assert.match(again.stderr, /^dossier: the target database is not empty: copy into a new one \(postgres:/);
  });
});

describe('the HTTP API on PostgreSQL', { skip }, () => {
  it('answers every page and API call as it does on SQLite', async () => {
    const sqlite = await fixtureStore();
    const postgres = await PgStore.connect(await freshDatabase());
    await copyStore(sqlite, postgres);
    const fixture = readServerFixture();
    const paths = [
      '/api/events',
      '/api/events?q=strike',
      '/api/events?from=2025-06-05&minSources=2',
      '/',
      '/events/missing',
      ...fixture.events.flatMap((event) => [`/api/events/${event.id}`, `/events/${event.id}`]),
      ...fixture.articles.flatMap((article) => [`/api/articles/${article.id}`, `/articles/${article.id}`]),
      ...fixture.events[0].participants.flatMap((participant) => [`/api/entities/${participant.id}`, `/entities/${participant.id}`]),
    ];
    const apps = [createApp(sqlite, { allowIngest: false }), createApp(postgres, { allowIngest: false })];
    for (const path of paths) {
      const [expected, actual] = await Promise.all(apps.map(async (app) => app.request(path)));
      assert.equal(actual.status, expected.status, path);
      assert.equal(await actual.text(), await expected.text(), path);
    }
    const hits = async (app: (typeof apps)[number]) =>
      ((await (await app.request('/api/search?q=port%20strike')).json()) as { hits: { id: string }[] }).hits.map((hit) => hit.id).sort();
    assert.deepEqual(await hits(apps[1]), await hits(apps[0]));
    await sqlite.close();
    await postgres.close();
  });
});
