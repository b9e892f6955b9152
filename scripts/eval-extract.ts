// Main-text extraction quality of extractHtml against two public benchmarks, beside
// Readability-over-linkedom run here on the same pages:
//  1. article-extraction-benchmark (Zyte): 4-gram shingle P/R/F1, as in its evaluate.py.
//  2. trafilatura-eval-en: with/without snippet matching, as in trafilatura's eval_common.py.
// Usage: tsx scripts/eval-extract.ts [--dump <dir>] [--half tune|report]
//   --dump writes per-page outputs and scores. Each benchmark is split into a fixed tuning half and a reporting
//   half by a hash of the page id (see `halfOf`): thresholds and rules are tuned on the tuning half only
//   (`--half tune` scores it alone, and `--dump` then writes only its pages), and the reporting half's figures
//   are printed next to the full ones. DOSSIER_EVAL_GATE=1 (set by `npm run eval`) runs only the headline
//   extractor, not the Readability and whole-pipeline comparisons.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import { extractHtml } from '../src/clean/html.js';
import { processDocument } from '../src/pipeline.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const evalData = process.env.DOSSIER_EVAL_DATA ?? path.resolve(repoRoot, '../shared/eval-data');
const aebDir = path.join(evalData, 'article-extraction-benchmark');
const trafilaturaDir = path.join(evalData, 'trafilatura-eval-en');
const dumpIndex = process.argv.indexOf('--dump');
const dumpDir = dumpIndex >= 0 ? process.argv[dumpIndex + 1] : null;
const halfIndex = process.argv.indexOf('--half');
const onlyHalf = halfIndex >= 0 ? process.argv[halfIndex + 1] : null;
if (onlyHalf !== null && onlyHalf !== 'tune' && onlyHalf !== 'report') throw new Error('--half must be tune or report');
const headlineOnly = process.env.DOSSIER_EVAL_GATE === '1';

/** The fixed half a page belongs to: the first bit of the SHA-256 of its id (file name or URL). */
function halfOf(id: string): 'tune' | 'report' {
  return (createHash('sha256').update(id).digest()[0] & 1) === 0 ? 'tune' : 'report';
}

/** Published figures from the benchmark's README.rst ("Results of the latest evaluation"). */
const PUBLISHED_AEB = {
  trafilatura: { f1: 0.958, precision: 0.938, recall: 0.978 },
  readability_js: { f1: 0.947, precision: 0.914, recall: 0.982 },
  go_readability: { f1: 0.934, precision: 0.9, recall: 0.971 },
};

type Extractor = (html: string, url: string) => string;

const ourExtractor: Extractor = (html, url) => extractHtml(html, { url }).paragraphs.join('\n\n');
/** What users get: the whole article pipeline (decode, HTML extraction, text cleaning, metadata). */
const pipelineExtractor: Extractor = (html, url) =>
  processDocument({ source: 'page.html', record: { html, url } }).text;
const readabilityExtractor: Extractor = (html) => {
  try {
    return new Readability(parseHTML(html).document).parse()?.textContent ?? '';
  } catch {
    return '';
  }
};

// ---- article-extraction-benchmark scorer (port of evaluate.py) ----

/** Python's `\w+` with re.UNICODE: letters, digits (all numeric categories) and underscore. */
const WORD = /[\p{L}\p{N}_]+/gu;

function shingles(text: string, n = 4): Map<string, number> {
  const tokens = text.match(WORD) ?? [];
  const counts = new Map<string, number>();
  for (let i = 0; i < Math.max(1, tokens.length - n + 1); i++) {
    const shingle = tokens.slice(i, i + n);
    if (shingle.length === 0) continue;
    const key = shingle.join('\u0001');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

interface PageCounts { tp: number; fp: number; fn: number }

function shingleCounts(truth: string, prediction: string): PageCounts {
  const gold = shingles(truth);
  const predicted = shingles(prediction);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [key, count] of predicted) {
    const goldCount = gold.get(key) ?? 0;
    tp += Math.min(count, goldCount);
    fp += Math.max(0, count - goldCount);
  }
  for (const [key, count] of gold) fn += Math.max(0, count - (predicted.get(key) ?? 0));
  return { tp, fp, fn };
}

/** Per-page precision/recall (a perfect empty page counts as 1), averaged; F1 of the means. */
function aebScore(pages: PageCounts[]): { f1: number; precision: number; recall: number; pagePrecision: number[]; pageRecall: number[] } {
  const pagePrecision: number[] = [];
  const pageRecall: number[] = [];
  for (const { tp, fp, fn } of pages) {
    if (fp === 0 && fn === 0) {
      pagePrecision.push(1);
      pageRecall.push(1);
      continue;
    }
    pagePrecision.push(tp + fp > 0 ? tp / (tp + fp) : 0);
    pageRecall.push(tp + fn > 0 ? tp / (tp + fn) : 0);
  }
  const precision = mean(pagePrecision);
  const recall = mean(pageRecall);
  return { f1: (2 * precision * recall) / (precision + recall), precision, recall, pagePrecision, pageRecall };
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

// ---- trafilatura-eval scorer (port of eval_common.py) ----

interface SnippetCounts { tp: number; fp: number; fn: number; tn: number }

function snippetCounts(output: string, withSnippets: string[], withoutSnippets: string[]): SnippetCounts {
  const normalise = (text: string): string => text.replace(/\s+/g, ' ').trim();
  const text = normalise(output);
  const counts = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const snippet of withSnippets) {
    if (text.includes(normalise(snippet))) counts.tp++;
    else counts.fn++;
  }
  for (const snippet of withoutSnippets) {
    if (text.includes(normalise(snippet))) counts.fp++;
    else counts.tn++;
  }
  return counts;
}

function snippetScore(c: SnippetCounts): { f1: number; precision: number; recall: number; accuracy: number } {
  return {
    f1: (2 * c.tp) / (2 * c.tp + c.fp + c.fn),
    precision: c.tp / (c.tp + c.fp),
    recall: c.tp / (c.tp + c.fn),
    accuracy: (c.tp + c.tn) / (c.tp + c.fp + c.fn + c.tn),
  };
}

// ---- runs ----

function readGz(file: string): string {
  return zlib.gunzipSync(fs.readFileSync(file)).toString('utf8');
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

const extractors: [string, Extractor][] = headlineOnly
  ? [['extractHtml', ourExtractor]]
  : [['extractHtml', ourExtractor], ['pipeline', pipelineExtractor], ['readability-linkedom', readabilityExtractor]];

function runAeb(): Record<string, ReturnType<typeof summary> & { reporting_half: ReturnType<typeof summary> | null }> {
  const truth = JSON.parse(fs.readFileSync(path.join(aebDir, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody: string; url: string }>;
  const ids = Object.keys(truth).sort().filter((id) => onlyHalf === null || halfOf(id) === onlyHalf);
  const reporting = ids.map((id, index) => [id, index] as const).filter(([id]) => halfOf(id) === 'report').map(([, index]) => index);

  console.log('article-extraction-benchmark: scorer check against the copied prediction files');
  for (const [name, published] of Object.entries(PUBLISHED_AEB)) {
    const predictions = JSON.parse(fs.readFileSync(path.join(aebDir, 'output', `${name}.json`), 'utf8')) as { output: Record<string, { articleBody?: string }> };
    const score = aebScore(ids.map((id) => shingleCounts(truth[id].articleBody, predictions.output[id]?.articleBody ?? '')));
    console.log(`  ${name.padEnd(16)} ours F1 ${score.f1.toFixed(3)} P ${score.precision.toFixed(3)} R ${score.recall.toFixed(3)}   published F1 ${published.f1} P ${published.precision} R ${published.recall}`);
  }

  const results: Record<string, ReturnType<typeof summary> & { reporting_half: ReturnType<typeof summary> | null }> = {};
  for (const [name, extractor] of extractors) {
    const started = performance.now();
    const outputs = ids.map((id) => extractor(readGz(path.join(aebDir, 'html', `${id}.html.gz`)), truth[id].url));
    const seconds = (performance.now() - started) / 1000;
    const pageCounts = ids.map((id, index) => shingleCounts(truth[id].articleBody, outputs[index]));
    const score = aebScore(pageCounts);
    results[name] = { ...summary(score, seconds), reporting_half: reporting.length > 0 ? summary(aebScore(reporting.map((index) => pageCounts[index])), 0) : null };
    if (dumpDir) {
      fs.mkdirSync(dumpDir, { recursive: true });
      const rows = ids.map((id, index) => ({ id, precision: score.pagePrecision[index], recall: score.pageRecall[index], output: outputs[index], truth: truth[id].articleBody }));
      fs.writeFileSync(path.join(dumpDir, `aeb-${name}.json`), JSON.stringify(rows, null, 1));
    }
  }
  console.log(`article-extraction-benchmark (${ids.length} pages${onlyHalf ? `, ${onlyHalf} half` : ''}; reporting half ${reporting.length}): F1 / P / R`);
  for (const [name, value] of Object.entries(results)) {
    console.log(`  ${name.padEnd(22)} ${value.f1} / ${value.precision} / ${value.recall}   (${value.seconds}s)   reporting half F1 ${value.reporting_half?.f1 ?? '—'}`);
  }
  for (const [name, value] of Object.entries(PUBLISHED_AEB)) console.log(`  published ${name.padEnd(12)} ${value.f1} / ${value.precision} / ${value.recall}`);
  return results;
}

function summary(score: { f1: number; precision: number; recall: number }, seconds: number) {
  return { f1: round(score.f1), precision: round(score.precision), recall: round(score.recall), seconds: round(seconds) };
}

type SnippetResult = ReturnType<typeof snippetScore> & { seconds: number; reporting_half?: ReturnType<typeof snippetScore> };

function roundScores(score: ReturnType<typeof snippetScore>): ReturnType<typeof snippetScore> {
  return { f1: round(score.f1), precision: round(score.precision), recall: round(score.recall), accuracy: round(score.accuracy) };
}

function runTrafilatura(): Record<string, SnippetResult> {
  const annotations = JSON.parse(fs.readFileSync(path.join(trafilaturaDir, 'evaldata-en.json'), 'utf8')) as Record<string, { file: string; with: string[]; without: string[] }>;
  const entries = Object.entries(annotations).sort(([a], [b]) => a.localeCompare(b)).filter(([url]) => onlyHalf === null || halfOf(url) === onlyHalf);
  const results: Record<string, SnippetResult> = {};
  for (const [name, extractor] of extractors) {
    const total: SnippetCounts = { tp: 0, fp: 0, fn: 0, tn: 0 };
    const reportingTotal: SnippetCounts = { tp: 0, fp: 0, fn: 0, tn: 0 };
    const rows: unknown[] = [];
    const started = performance.now();
    for (const [url, entry] of entries) {
      const output = extractor(readGz(path.join(trafilaturaDir, 'html', `${entry.file}.gz`)), url.replace(/^[a-z]+::/, ''));
      const counts = snippetCounts(output, entry.with, entry.without);
      for (const key of ['tp', 'fp', 'fn', 'tn'] as const) {
        total[key] += counts[key];
        if (halfOf(url) === 'report') reportingTotal[key] += counts[key];
      }
      if (dumpDir && name === 'extractHtml' && (counts.fp > 0 || counts.fn > 0)) rows.push({ url, ...counts, output, with: entry.with, without: entry.without });
    }
    const seconds = (performance.now() - started) / 1000;
    const score = snippetScore(total);
    const reportingPages = entries.filter(([url]) => halfOf(url) === 'report').length;
    results[name] = { ...roundScores(score), seconds: round(seconds), ...(reportingPages > 0 ? { reporting_half: roundScores(snippetScore(reportingTotal)) } : {}) };
    if (dumpDir && name === 'extractHtml') fs.writeFileSync(path.join(dumpDir, 'trafilatura-errors.json'), JSON.stringify(rows, null, 1));
  }
  console.log(`trafilatura-eval-en (${entries.length} pages): F1 / P / R / accuracy`);
  for (const [name, value] of Object.entries(results)) {
    console.log(`  ${name.padEnd(22)} ${value.f1} / ${value.precision} / ${value.recall} / ${value.accuracy}   (${value.seconds}s)   reporting half F1 ${value.reporting_half?.f1 ?? '—'}`);
  }
  return results;
}

if (!fs.existsSync(aebDir) || !fs.existsSync(trafilaturaDir)) {
  console.error(`eval data not found under ${evalData} (set DOSSIER_EVAL_DATA)`);
  process.exit(1);
}
const aeb = runAeb();
const trafilatura = runTrafilatura();
console.log(JSON.stringify({
  dataset: 'article-extraction-benchmark+trafilatura-eval-en',
  metric: 'f1',
  value: aeb.extractHtml.f1,
  aeb: { ...aeb.extractHtml, published: PUBLISHED_AEB },
  trafilatura_en: trafilatura.extractHtml,
  split: onlyHalf ?? 'all pages',
  reporting_half: { aeb: aeb.extractHtml.reporting_half, trafilatura_en: trafilatura.extractHtml.reporting_half ?? null },
  pipeline: headlineOnly ? null : { aeb: aeb.pipeline, trafilatura_en: trafilatura.pipeline },
  readability: headlineOnly ? null : { aeb: aeb['readability-linkedom'], trafilatura_en: trafilatura['readability-linkedom'] },
}));
