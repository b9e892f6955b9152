// Fixture tests of the article pipeline (decode, clean, metadata), one folder per case:
// source.* is the input, expected.txt the clean body, expected.json everything else.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readFile } from '../src/ingest/read.js';
import { processDocument } from '../src/pipeline.js';

const root = join(import.meta.dirname, 'fixtures', 'articles');

describe('article fixtures', () => {
  for (const name of readdirSync(root).sort()) {
    it(name, () => {
      const dir = join(root, name);
      const source = readdirSync(dir).find((file) => file.startsWith('source'));
      assert.ok(source, `${name} has a source file`);
      const article = processDocument(readFile(join(dir, source))[0]);
      const expectedText = readFileSync(join(dir, 'expected.txt'), 'utf8').replace(/\n$/, '');
      const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
      assert.equal(article.text, expectedText);
      const { text: _text, id: _id, source: _source, messages: _messages, ...metadata } = article;
      assert.deepEqual(metadata, expected);
    });
  }
});

describe('cleaning invariants on the fixtures', () => {
  for (const name of readdirSync(root).sort()) {
    it(`${name}: every body paragraph comes from the source text`, () => {
      const dir = join(root, name);
      const source = readdirSync(dir).find((file) => file.startsWith('source')) as string;
      // Re-joined paragraphs differ from the source only in whitespace before punctuation.
      const normalise = (text: string): string => text.replace(/\s+/g, ' ').replace(/ ([.,;:!?])/g, '$1');
      const raw = normalise(readFileSync(join(dir, source), 'utf8'));
      const article = processDocument(readFile(join(dir, source))[0]);
      for (const paragraph of article.text.split('\n\n')) {
        assert.ok(raw.includes(normalise(paragraph)), `"${paragraph.slice(0, 60)}..." is in the source`);
      }
    });
  }
});
