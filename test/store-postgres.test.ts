import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pg from 'pg';
import { PG_SCHEMA_VERSION, PgStore, redactUrl, toTsQuery } from '../src/store/postgres.js';
import { StoreOpenError } from '../src/store/sqlite.js';
import { article, storeContract } from './support/store-contract.js';
import { freshDatabase, pgSkipReason } from './support/postgres.js';

const skip = pgSkipReason();

storeContract('PostgreSQL', async () => PgStore.connect(await freshDatabase()), { skip });

describe('PgStore specifics', { skip }, () => {
  it('migrates once when several processes open a new database at the same moment', async () => {
    const url = await freshDatabase();
    const stores = await Promise.all([1, 2, 3].map(() => PgStore.connect(url)));
    await stores[0].putArticle(article('m1'));
    assert.equal(await stores[2].countArticles(), 1);
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    assert.deepEqual((await db.query('SELECT version FROM dossier_schema')).rows, [{ version: PG_SCHEMA_VERSION }]);
    await db.end();
    await Promise.all(stores.map((store) => store.close()));
  });

  it('finds words whatever their accents, and ranks a title match first', async () => {
    const store = await PgStore.connect(await freshDatabase());
    await store.putArticle(article('d1', { title: 'Crise à Genève', text: 'Le président a parlé à São Paulo de la crise économique.' }));
    await store.putArticle(article('d2', { title: 'Football', text: 'Economique et sociale, la crise dure.' }));
    assert.deepEqual((await store.search('economique crise')).map((hit) => hit.id), ['d1', 'd2']);
    assert.deepEqual((await store.search('Sao')).map((hit) => hit.id), ['d1']);
    assert.match((await store.search('geneve'))[0].title ?? '', /Genève/);
    await store.close();
  });

  it('fails with a clear error, without the password, when it cannot connect', async () => {
    await assert.rejects(PgStore.connect('postgres://someone:secret@127.0.0.1:1/nowhere'), (error: unknown) => {
      assert.ok(error instanceof StoreOpenError);
      assert.match((error as Error).message, /^cannot open database postgres:\/\/someone:\*\*\*@127\.0\.0\.1:1\/nowhere: /);
      return true;
    });
  });
});

describe('PostgreSQL query text', () => {
  it('turns free text into a safe tsquery', () => {
    assert.equal(toTsQuery("Wang Yi 'AND' (Shoigu) & !"), "'Wang' & 'Yi' & 'AND' & 'Shoigu'");
    assert.equal(toTsQuery('?!'), '');
    assert.equal(toTsQuery('port Arlen', { prefix: true }), "'port':* & 'Arlen':*");
    assert.equal(redactUrl('postgres://u:p@w@h/db'), 'postgres://u:***@h/db');
  });
});
