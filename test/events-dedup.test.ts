import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Article } from '../src/types.js';
import { deduplicate, minhashSignature, shingles } from '../src/events/dedup.js';
import { buildEvents } from '../src/events/build.js';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`fixtures/events/dedup/${name}`, import.meta.url), 'utf8'));
const articles = fixture('articles.json') as Article[];
const expected = fixture('expected.json') as { kept: string[]; links: { id: string; duplicateOf: string; kind: string }[] };

test('exact copy folded, syndicated re-post marked, same-topic report independent', () => {
  const result = deduplicate(articles);
  assert.deepEqual(result.kept.map((article) => article.source), expected.kept);
  assert.deepEqual(result.links.map(({ id, duplicateOf, kind }) => ({ id, duplicateOf, kind })), expected.links);
});

test('the earliest copy is the original whatever the input order', () => {
  const reversed = deduplicate([...articles].reverse());
  assert.deepEqual(reversed.links.map(({ id, duplicateOf, kind }) => ({ id, duplicateOf, kind })), expected.links);
});

test('copies are never independent sources of an event', () => {
  const [event] = buildEvents(articles);
  assert.deepEqual(
    event.articles.map(({ id, independent, duplicateOf }) => ({ id, independent, duplicateOf })),
    [
      { id: '635acdf8e649c528', independent: true, duplicateOf: null },
      { id: 'd71df92bcd6a6d20', independent: false, duplicateOf: '635acdf8e649c528' },
      { id: 'e06c069971c40893', independent: true, duplicateOf: null },
    ],
  );
  assert.deepEqual(event.duplicates, expected.links.map(({ id, duplicateOf }) => ({ id, duplicateOf })));
});

test('MinHash signatures agree where shingle sets agree', () => {
  const a = minhashSignature(shingles('one two three four five six seven eight nine ten'));
  const b = minhashSignature(shingles('One two three, four five six seven eight nine ten!'));
  assert.deepEqual(a, b);
  const c = minhashSignature(shingles('a wholly different sentence about other matters entirely here'));
  assert.ok(a.some((value, i) => value !== c[i]));
});
