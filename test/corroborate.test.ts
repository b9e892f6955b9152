import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { corroborate } from '../src/corroborate/index.js';
import { americanSpelling, canonicalWord } from '../src/corroborate/normalize.js';
import type { Article } from '../src/types.js';

const fixtures = new URL('./fixtures/corroborate/', import.meta.url);
const load = (name: string, file: string) => JSON.parse(readFileSync(new URL(`${name}/${file}`, fixtures), 'utf8'));

for (const name of readdirSync(fixtures)) {
  test(`corroborate fixture: ${name}`, () => {
    const input = load(name, 'input.json') as { articles: Article[]; independent: string[] };
    assert.deepEqual(corroborate(input.articles, new Set(input.independent)), load(name, 'expected.json'));
  });
}

test('rate story: 11.25% against 11.5% is a discrepancy; inflation and unemployment figures are not', () => {
  const input = load('rate-decision', 'input.json') as { articles: Article[]; independent: string[] };
  const { discrepancies, claims } = corroborate(input.articles, new Set(input.independent));
  assert.deepEqual(discrepancies.map((d) => d.values.map((v) => v.value)), [['11.25%', '11.5%']]);
  assert.ok(claims.some((claim) => claim.status === 'agreed' && claim.text.startsWith('Annual inflation slowed to 7.4%')));
  assert.ok(claims.some((claim) => claim.status === 'single-source' && claim.text === 'Unemployment stood at 5.1% in January.'));
});

test('a near-copy never makes a claim agreed on its own', () => {
  const input = load('diplomatic-meeting', 'input.json') as { articles: Article[]; independent: string[] };
  const copyOnly = input.articles.filter((article) => article.id !== 'd1');
  const { claims, discrepancies } = corroborate(copyOnly, new Set(['d2']));
  assert.equal(discrepancies.length, 0);
  assert.ok(claims.every((claim) => claim.status === 'single-source' && claim.articles.join() === 'd2'));
});

test('quotes of different speakers with similar words stay apart', () => {
  const base = load('diplomatic-meeting', 'input.json') as { articles: Article[] };
  const articles = base.articles.slice(0, 2).map((article, index) => ({
    ...article,
    quotes: (article.quotes ?? []).map((quote) => ({ ...quote, speaker: index === 0 ? 'Tran Binh' : 'Maria Olsen' })),
  }));
  const { quotes } = corroborate(articles, new Set(['d1', 'd2']));
  assert.equal(quotes.length, 2);
});

test('spelling and synonym normalisation', () => {
  assert.equal(americanSpelling('destabilise'), 'destabilize');
  assert.equal(americanSpelling('defence'), 'defense');
  assert.equal(americanSpelling('centre'), 'center');
  assert.equal(canonicalWord('Sole'), canonicalWord('only'));
  assert.equal(canonicalWord('truce'), canonicalWord('ceasefire'));
});
