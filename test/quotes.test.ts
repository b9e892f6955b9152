// Quote extraction fixtures: each folder under test/fixtures/quotes holds input.txt, an optional
// entities.json (the article's resolved entities; without it the module finds names itself) and
// expected.json, the exact quotes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Entity } from '../src/types.js';
import { extractQuotes } from '../src/extract/quotes.js';
import { findQuoteRegions } from '../src/extract/quotes-marks.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'quotes');

for (const name of readdirSync(fixtures).sort()) {
  test(`quotes: ${name}`, () => {
    const folder = path.join(fixtures, name);
    const text = readFileSync(path.join(folder, 'input.txt'), 'utf8');
    const entitiesFile = path.join(folder, 'entities.json');
    const entities: Entity[] = existsSync(entitiesFile) ? JSON.parse(readFileSync(entitiesFile, 'utf8')) : [];
    const expected = JSON.parse(readFileSync(path.join(folder, 'expected.json'), 'utf8'));
    const quotes = extractQuotes(text, entities);
    assert.deepEqual(quotes, expected);
    for (const quote of quotes) assert.equal(text.slice(quote.start, quote.end), quote.text);
  });
}

test('quote marks: apostrophes, inch marks and doubled apostrophes', () => {
  const inner = (text: string) => findQuoteRegions(text).map((region) => text.slice(region.innerStart, region.innerEnd));
  assert.deepEqual(inner("Russia's envoy said the 'one-China principle' stands."), ['one-China principle']);
  assert.deepEqual(inner('The 6\'2" forward scored twice.'), []);
  assert.deepEqual(inner("''It is over,'' she said."), ['It is over,']);
  assert.deepEqual(inner('“First part.\n\n“Second part,” he said.'), ['First part.\n\n“Second part,']);
});

test('quotes: no entities and no quotation marks gives no quotes', () => {
  assert.deepEqual(extractQuotes('Rain fell on the city all day.', []), []);
});
