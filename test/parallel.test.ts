import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyse } from '../src/ingest/index.js';
import { readFile } from '../src/ingest/read.js';
import { analyseInOrder, createAnalyser } from '../src/parallel/pool.js';

const root = join(import.meta.dirname, '..');
const dirs = [join(root, 'examples', 'seeds'), join(root, 'test', 'fixtures', 'events', 'unseen-corpus')];
const files = dirs.flatMap((dir) => readdirSync(dir).sort().map((name) => join(dir, name)));

describe('the analysis pool', () => {
  it('gives, in input order, the articles the main thread gives', async () => {
    const documents = files.flatMap(readFile).map((raw, index) => ({ raw, index }));
    const expected = documents.map(({ raw }) => analyse(raw));
    const analyser = createAnalyser(3);
    const seen: number[] = [];
    const articles = [];
    try {
      for await (const [document, article] of analyseInOrder(documents, analyser)) {
        seen.push(document.index);
        articles.push(article);
      }
    } finally {
      await analyser.close();
    }
    assert.deepEqual(seen, documents.map((document) => document.index));
    assert.deepEqual(articles, expected);
  });

  it('reads documents only as threads become free', async () => {
    let read = 0;
    function* lazily() {
      for (const file of files) {
        read++;
        for (const raw of readFile(file)) yield { raw };
      }
    }
    const analyser = createAnalyser(2);
    try {
      const results = analyseInOrder(lazily(), analyser);
      await results.next();
      // Two threads with four documents in flight each: eight read at first, and one more to replace the
      // first as it comes out; the tenth is not read yet.
      assert.equal(read, 9);
      for await (const _ of results);
      assert.equal(read, files.length);
    } finally {
      await analyser.close();
    }
  });

  it('makes `dossier extract --workers 3` print what one thread prints', () => {
    const cli = join(root, 'dist', 'cli', 'main.js');
    const run = (workers: string) => spawnSync(process.execPath, [cli, 'extract', ...dirs, '--workers', workers], { encoding: 'utf8' });
    const single = run('1');
    assert.equal(single.status, 0, single.stderr);
    assert.equal(JSON.parse(single.stdout).articles.length, 16);
    assert.equal(run('3').stdout, single.stdout);
  });
});
