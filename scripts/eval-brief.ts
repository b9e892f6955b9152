// Brief summary evaluation: ROUGE-1/2/L F1 of the brief's "what happened" section against the Multi-News
// reference summaries, with the Lead baseline (first sentences of each document, round robin) in the same
// run. Both are cut to the reference's length in words. Scoring follows Google's rouge-score: lowercase,
// non-alphanumerics to spaces, Porter stemming of tokens longer than 3 characters; ROUGE-L is the LCS of
// the whole texts.
// Usage: tsx scripts/eval-brief.ts [test|validation]   (default test)
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stemmer } from 'stemmer';
import type { Article } from '../src/types.js';
import { deduplicate } from '../src/events/dedup.js';
import { splitSentences } from '../src/extract/sentences.js';
import { summarize } from '../src/report/brief.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataRoot = process.env.DOSSIER_EVAL_DATA ?? path.resolve(repoRoot, '../shared/eval-data');
/** Same rejection rule as scripts/eval-cluster.ts: shorter documents are crawl junk. */
const MIN_DOCUMENT_WORDS = 40;
const split = process.argv[2] === 'validation' ? 'validation' : 'test';

interface Rouge {
  rouge1: number;
  rouge2: number;
  rougeL: number;
}

function tokens(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter(Boolean)
    .map((token) => (token.length > 3 ? stemmer(token) : token));
}

function ngrams(list: string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= list.length; i++) {
    const key = list.slice(i, i + n).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function f1(overlap: number, predicted: number, reference: number): number {
  if (overlap === 0) return 0;
  const precision = overlap / predicted;
  const recall = overlap / reference;
  return (2 * precision * recall) / (precision + recall);
}

function rougeN(candidate: string[], reference: string[], n: number): number {
  const [c, r] = [ngrams(candidate, n), ngrams(reference, n)];
  let overlap = 0;
  for (const [gram, count] of c) overlap += Math.min(count, r.get(gram) ?? 0);
  const total = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);
  return f1(overlap, total(c), total(r));
}

function lcs(a: string[], b: string[]): number {
  let previous = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    const row = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) row[j] = x === b[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], row[j - 1]);
    previous = row;
  }
  return previous[b.length];
}

function rouge(candidateText: string, referenceText: string): Rouge {
  const [candidate, reference] = [tokens(candidateText), tokens(referenceText)];
  return { rouge1: rougeN(candidate, reference, 1), rouge2: rougeN(candidate, reference, 2), rougeL: f1(lcs(candidate, reference), candidate.length, reference.length) };
}

function firstWords(text: string, count: number): string {
  return text.split(/\s+/).filter(Boolean).slice(0, count).join(' ');
}

function makeArticle(source: string, text: string): Article {
  return {
    id: createHash('sha256').update(`${source}\n${text}`).digest('hex').slice(0, 16),
    source, status: 'ok', url: null, title: null, publisher: null, published: null, byline: null, dateline: null, agencies: [],
    language: 'en', text, captions: [], comments: [], removed: [], messages: [],
  };
}

/** Lead: the first sentence of each document, then the second of each, ... until the budget is met. */
function lead(articles: Article[], words: number): string {
  const sentences = articles.map((article) => splitSentences(article.text).map((sentence) => sentence.text));
  const picked: string[] = [];
  let count = 0;
  for (let depth = 0; count < words && sentences.some((list) => depth < list.length); depth++) {
    for (const list of sentences) {
      if (depth >= list.length || count >= words) continue;
      picked.push(list[depth]);
      count += list[depth].split(/\s+/).filter(Boolean).length;
    }
  }
  return picked.join(' ');
}

const started = Date.now();
const rows = readFileSync(path.join(dataRoot, 'multi-news-sample', `${split}.sample250.jsonl`), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { id: string; summary: string; documents: string[] });
const totals = { brief: { rouge1: 0, rouge2: 0, rougeL: 0 }, lead: { rouge1: 0, rouge2: 0, rougeL: 0 } };
const add = (into: Rouge, scores: Rouge) => {
  into.rouge1 += scores.rouge1;
  into.rouge2 += scores.rouge2;
  into.rougeL += scores.rougeL;
};
for (const row of rows) {
  const reference = row.summary.replace(/^\s*[–-]\s*/, '');
  const budget = reference.split(/\s+/).filter(Boolean).length;
  const articles = row.documents
    .map((text, i) => makeArticle(`${row.id}#${i}`, text.trim()))
    .filter((article) => article.text.split(/\s+/).filter(Boolean).length >= MIN_DOCUMENT_WORDS);
  // The brief summarises independent sources only: copies are dropped as buildEvents would mark them.
  const { kept, originalOf } = deduplicate(articles);
  const independent = kept.filter((article) => !originalOf.has(article.id));
  const brief = summarize(independent, budget).map((sentence) => sentence.text).join(' ');
  add(totals.brief, rouge(firstWords(brief, budget), reference));
  add(totals.lead, rouge(firstWords(lead(articles, budget), budget), reference));
}
const mean = (scores: Rouge): Rouge => ({
  rouge1: Number((scores.rouge1 / rows.length).toFixed(4)),
  rouge2: Number((scores.rouge2 / rows.length).toFixed(4)),
  rougeL: Number((scores.rougeL / rows.length).toFixed(4)),
});
const brief = mean(totals.brief);
const leadScores = mean(totals.lead);
console.log(`brief (MMR over independent sources): ${JSON.stringify(brief)}`);
console.log(`lead baseline (round robin):          ${JSON.stringify(leadScores)}`);
console.log(
  JSON.stringify({
    dataset: `multi-news-sample/${split}.sample250.jsonl`,
    metric: 'rouge1_f1',
    value: brief.rouge1,
    rouge2: brief.rouge2,
    rougeL: brief.rougeL,
    lead_baseline: leadScores,
    clusters: rows.length,
    seconds: Number(((Date.now() - started) / 1000).toFixed(1)),
  }),
);
