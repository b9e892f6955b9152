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
  assert.ok(claims.some((claim) => claim.status === 'single' && claim.text === 'Unemployment stood at 5.1% in January.'));
});

test('a near-copy never makes a claim agreed on its own', () => {
  const input = load('diplomatic-meeting', 'input.json') as { articles: Article[]; independent: string[] };
  const copyOnly = input.articles.filter((article) => article.id !== 'd1');
  const { claims, discrepancies } = corroborate(copyOnly, new Set(['d2']));
  assert.equal(discrepancies.length, 0);
  assert.ok(claims.every((claim) => claim.status === 'single' && claim.articles.join() === 'd2'));
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

function story(id: string, text: string): Article {
  return {
    id, source: `${id}.txt`, status: 'ok', url: null, title: null, publisher: null, published: '2031-07-01', byline: null, dateline: null,
    agencies: [], language: 'en', text, captions: [], comments: [], removed: [], messages: [], entities: [], dates: [], quotes: [],
  };
}

const valuesOf = (articles: Article[]) =>
  corroborate(articles, new Set(articles.map((article) => article.id))).discrepancies.map((discrepancy) => discrepancy.values.map((value) => value.value));

test('approximate figures that fit each other are not a contradiction; bounds that exclude each other are', () => {
  assert.deepEqual(valuesOf([story('h1', 'Shares of the ferry operator slid 4.7 percent on Monday.'), story('h2', 'Shares of the ferry operator slid nearly 5 percent on Monday.')]), []);
  assert.deepEqual(valuesOf([story('h1', 'The floods killed more than 900 people in the delta.'), story('h2', 'The floods killed 900 people in the delta.')]), []);
  assert.deepEqual(
    valuesOf([story('h1', 'The floods killed more than 900 people in the delta.'), story('h2', 'The floods killed nearly 600 people in the delta.')]),
    [['600 people', '900 people']],
  );
});

test('a source that gives both values tells two things apart: no contradiction', () => {
  const first = story('k1', 'The port authority said 40 ships were stuck in the canal. By evening 25 ships were stuck in the canal.');
  const second = story('k2', 'Officials said 25 ships were stuck in the canal on Tuesday.');
  assert.deepEqual(valuesOf([first, second]), []);
});

test('ages, clock times, scores and ranges are not quantities to compare', () => {
  const first = story('n1', 'Police said a 45-year-old driver was detained at 7:24 after the crash near the stadium, where the home side won 2-1.');
  const second = story('n2', 'Police said a 38-year-old driver was detained at 9:10 after the crash near the stadium, where the home side won 3-0.');
  assert.deepEqual(valuesOf([first, second]), []);
  assert.deepEqual(
    valuesOf([story('r1', 'Temperatures fell 10 to 35 degrees below average across the plains.'), story('r2', 'Temperatures fell 20 degrees below average across the plains.')]),
    [],
  );
});

test('places whose shared context is only names are two places, not a contradiction', () => {
  const first = story('p1', 'He served as a priest at St. Jude Church in Lima for a decade.');
  const second = story('p2', 'The cardinal later moved to St. Jude Church in Bogota.');
  assert.deepEqual(valuesOf([first, second]), []);
  const met = story('m1', 'The two envoys met for strategic talks in Lima on the border dispute.');
  const metElsewhere = story('m2', 'The two envoys met for strategic talks in Bogota on the border dispute.');
  assert.deepEqual(valuesOf([met, metElsewhere]), [['Lima', 'Bogota']]);
});
