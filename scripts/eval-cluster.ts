// Event clustering evaluation.
// 1. Multi-News sample: every document of the test file pooled and shuffled (fixed seed); the groups of
//    the file are the gold clusters. Thresholds are tuned on the validation file only.
// 2. UCI News Aggregator headlines: stories split in two halves; tuned on one, reported on the other.
// 3. ECB+ (topics of two similar but different real events): subtopics are the gold events; every dev
//    document pooled into one run, tuned on the train topics only (the test topics are withheld). Documents
//    go through the whole pipeline (cleaning, metadata, annotation) as ingested files would.
// Metrics: B-cubed precision/recall/F1 (means over documents) and the adjusted Rand index, for dossier's
// clusterer, a TF-IDF average-linkage baseline (threshold tuned the same way) and all-singletons.
// Usage: tsx scripts/eval-cluster.ts
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from '../src/types.js';
import { groupBatch, prepareBatch, type PreparedBatch } from '../src/events/build.js';
import { articleTerms, dot, JOIN_THRESHOLD, TfidfSpace } from '../src/events/cluster.js';
import { annotate } from '../src/extract/index.js';
import { processDocument } from '../src/pipeline.js';
import { seededRandom } from '../src/util/random.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataRoot = process.env.DOSSIER_EVAL_DATA ?? path.resolve(repoRoot, '../shared/eval-data');
/** Documents shorter than this (words) are crawl junk in Multi-News ("Tweet with a location ..."): rejected. */
const MIN_DOCUMENT_WORDS = 40;
const SEED = 20240601;
/** Headlines alone give small similarities, so the sweep starts low. */
const SWEEP = [0.005, 0.01, 0.015, ...Array.from({ length: 23 }, (_, i) => Number((0.02 + i * 0.02).toFixed(2)))];

interface Doc {
  article: Article;
  gold: string;
}

interface Scores {
  precision: number;
  recall: number;
  f1: number;
  ari: number;
}

function shuffle<T>(items: T[], seed: number): T[] {
  const random = seededRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function makeArticle(source: string, text: string, fields: Partial<Article> = {}): Article {
  const id = createHash('sha256').update(`${source}\n${text}`).digest('hex').slice(0, 16);
  const words = text.split(/\s+/).filter(Boolean).length;
  const rejected = words < MIN_DOCUMENT_WORDS && !fields.title;
  return {
    id, source, status: rejected ? 'rejected' : 'ok', reason: rejected ? 'too short' : undefined, url: null, title: null, publisher: null,
    published: null, byline: null, dateline: null, agencies: [], language: 'en', text, captions: [], comments: [], removed: [], messages: [],
    ...fields,
  };
}

let annotationFailures = 0;
/** The extractors when they run; a document they fail on keeps TF-IDF only. */
function lightAnnotate(article: Article): Article {
  if (article.status !== 'ok') return article;
  try {
    return annotate(article);
  } catch {
    annotationFailures++;
    return article;
  }
}

function loadMultiNews(file: string): Doc[] {
  const rows = readFileSync(path.join(dataRoot, 'multi-news-sample', file), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { id: string; documents: string[] });
  const docs = rows.flatMap((row) => row.documents.map((text, i) => ({ article: makeArticle(`${row.id}#${i}`, text.trim()), gold: row.id })));
  return shuffle(docs, SEED).map((doc) => ({ ...doc, article: lightAnnotate(doc.article) }));
}

function loadEcbPlus(): { train: Doc[]; dev: Doc[] } {
  const folder = path.join(dataRoot, 'ecbplus');
  const labels = JSON.parse(readFileSync(path.join(folder, 'labels.json'), 'utf8')) as Record<string, { subtopic: string; split: string }>;
  const docs = Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1)).map(([file, label]) => {
    const article = processDocument({ source: file, bytes: readFileSync(path.join(folder, 'docs', file)) });
    return { doc: { article: lightAnnotate(article), gold: label.subtopic }, split: label.split };
  });
  return { train: docs.filter((entry) => entry.split === 'train').map((entry) => entry.doc), dev: docs.filter((entry) => entry.split === 'dev').map((entry) => entry.doc) };
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') field += text[++i];
      else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') (row.push(field), (field = ''));
    else if (char === '\n') (row.push(field), rows.push(row), (row = []), (field = ''));
    else if (char !== '\r') field += char;
  }
  if (field || row.length > 0) (row.push(field), rows.push(row));
  return rows;
}

function loadUci(): { tune: Doc[]; report: Doc[] } {
  const [header, ...rows] = parseCsv(readFileSync(path.join(dataRoot, 'news-clustering/uci-news-aggregator-subset/uci-news-aggregator-first6365.csv'), 'utf8'));
  const column = (name: string) => header.indexOf(name);
  const docs = rows.map((row) =>
    ({
      gold: row[column('STORY')],
      article: makeArticle(`uci#${row[column('ID')]}`, row[column('TITLE')], {
        title: row[column('TITLE')],
        publisher: row[column('PUBLISHER')],
        published: new Date(Number(row[column('TIMESTAMP')])).toISOString(),
      }),
    }),
  );
  const stories = [...new Set(docs.map((doc) => doc.gold))].sort();
  const tuneStories = new Set(stories.filter((_, i) => i % 2 === 0));
  const annotated = shuffle(docs, SEED).map((doc) => ({ ...doc, article: lightAnnotate(doc.article) }));
  return { tune: annotated.filter((doc) => tuneStories.has(doc.gold)), report: annotated.filter((doc) => !tuneStories.has(doc.gold)) };
}

function score(docs: Doc[], predicted: Map<string, string>): Scores {
  const goldOf = new Map(docs.map((doc) => [doc.article.id, doc.gold]));
  const membersOf = (labels: Map<string, string>) => {
    const groups = new Map<string, string[]>();
    for (const [id, label] of labels) groups.set(label, [...(groups.get(label) ?? []), id]);
    return groups;
  };
  const goldGroups = membersOf(goldOf);
  const predictedGroups = membersOf(predicted);
  let precision = 0;
  let recall = 0;
  for (const doc of docs) {
    const own = predictedGroups.get(predicted.get(doc.article.id)!)!;
    const correct = own.filter((id) => goldOf.get(id) === doc.gold).length;
    precision += correct / own.length;
    recall += correct / goldGroups.get(doc.gold)!.length;
  }
  precision /= docs.length;
  recall /= docs.length;
  // Adjusted Rand index from the contingency table (Hubert & Arabie 1985).
  const pairs = (n: number) => (n * (n - 1)) / 2;
  const cells = new Map<string, number>();
  for (const doc of docs) {
    const key = `${doc.gold}\u0000${predicted.get(doc.article.id)}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
  }
  const index = [...cells.values()].reduce((sum, n) => sum + pairs(n), 0);
  const goldPairs = [...goldGroups.values()].reduce((sum, group) => sum + pairs(group.length), 0);
  const predictedPairs = [...predictedGroups.values()].reduce((sum, group) => sum + pairs(group.length), 0);
  const expected = (goldPairs * predictedPairs) / pairs(docs.length);
  const max = (goldPairs + predictedPairs) / 2;
  const ari = max === expected ? 1 : (index - expected) / (max - expected);
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall || 1), ari };
}

/** dossier's clusterer: rejected documents are singletons, exact copies go with their original. */
function pipelineLabels(docs: Doc[], batch: PreparedBatch, threshold: number): Map<string, string> {
  const labels = new Map(docs.map((doc) => [doc.article.id, doc.article.id]));
  groupBatch(batch, { threshold }).forEach((group, i) => {
    for (const member of group) labels.set(member.article.id, `event${i}`);
  });
  for (const link of batch.links) if (!batch.prepared.has(link.id)) labels.set(link.id, labels.get(link.duplicateOf)!);
  return labels;
}

/** Average-linkage agglomerative clustering on TF-IDF cosine, by the nearest-neighbour chain (O(n^2) for
 *  a reducible linkage). Returns every merge with its similarity; cutting at t applies those >= t. */
function averageLinkageMerges(docs: Doc[]): { a: number; b: number; similarity: number }[] {
  const terms = docs.map((doc) => articleTerms(doc.article));
  const space = new TfidfSpace(terms);
  const vectors = terms.map((list) => space.vector(list));
  const n = docs.length;
  const sim = new Float32Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) sim[i * n + j] = sim[j * n + i] = dot(vectors[i], vectors[j]);
  const size = new Array<number>(n).fill(1);
  const active = new Set(Array.from({ length: n }, (_, i) => i));
  const merges: { a: number; b: number; similarity: number }[] = [];
  const chain: number[] = [];
  while (active.size > 1) {
    if (chain.length === 0) chain.push(active.values().next().value!);
    const a = chain[chain.length - 1];
    const previous = chain.length > 1 ? chain[chain.length - 2] : -1;
    let best = previous;
    let bestSimilarity = previous >= 0 ? sim[a * n + previous] : Number.NEGATIVE_INFINITY;
    for (const c of active) {
      if (c !== a && sim[a * n + c] > bestSimilarity) {
        best = c;
        bestSimilarity = sim[a * n + c];
      }
    }
    if (best !== previous) {
      chain.push(best);
      continue;
    }
    chain.length -= 2;
    const [keep, drop] = a < best ? [a, best] : [best, a];
    merges.push({ a: keep, b: drop, similarity: bestSimilarity });
    active.delete(drop);
    for (const c of active) {
      if (c === keep) continue;
      const merged = (size[keep] * sim[keep * n + c] + size[drop] * sim[drop * n + c]) / (size[keep] + size[drop]);
      sim[keep * n + c] = sim[c * n + keep] = merged;
    }
    size[keep] += size[drop];
  }
  return merges;
}

function cut(docs: Doc[], merges: { a: number; b: number; similarity: number }[], threshold: number): Map<string, string> {
  const parent = docs.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (const merge of merges) if (merge.similarity >= threshold) parent[find(merge.b)] = find(merge.a);
  return new Map(docs.map((doc, i) => [doc.article.id, `c${find(i)}`]));
}

function best(sweep: { threshold: number; scores: Scores }[]): { threshold: number; scores: Scores } {
  return sweep.reduce((top, entry) => (entry.scores.f1 > top.scores.f1 ? entry : top));
}

function round(scores: Scores): Scores {
  const r = (x: number) => Number(x.toFixed(4));
  return { precision: r(scores.precision), recall: r(scores.recall), f1: r(scores.f1), ari: r(scores.ari) };
}

function evaluate(name: string, tune: Doc[], report: Doc[]) {
  const started = Date.now();
  const tuneBatch = prepareBatch(tune.map((doc) => doc.article));
  const pipelineSweep = SWEEP.map((threshold) => ({ threshold, scores: score(tune, pipelineLabels(tune, tuneBatch, threshold)) }));
  const tunedPipeline = best(pipelineSweep);
  const tuneMerges = averageLinkageMerges(tune);
  const baselineSweep = SWEEP.map((threshold) => ({ threshold, scores: score(tune, cut(tune, tuneMerges, threshold)) }));
  const tunedBaseline = best(baselineSweep);
  console.log(`${name} tuning sweep (B-cubed F1 by threshold), dossier: ${pipelineSweep.map((e) => `${e.threshold}:${e.scores.f1.toFixed(3)}`).join(' ')}`);
  console.log(`${name} tuning sweep, TF-IDF average linkage: ${baselineSweep.map((e) => `${e.threshold}:${e.scores.f1.toFixed(3)}`).join(' ')}`);

  const reportBatch = prepareBatch(report.map((doc) => doc.article));
  const pipeline = score(report, pipelineLabels(report, reportBatch, tunedPipeline.threshold));
  const atDefault = score(report, pipelineLabels(report, reportBatch, JOIN_THRESHOLD));
  const baseline = score(report, cut(report, averageLinkageMerges(report), tunedBaseline.threshold));
  const singletons = score(report, new Map(report.map((doc) => [doc.article.id, doc.article.id])));
  const result = {
    documents: report.length,
    clusters: new Set(report.map((doc) => doc.gold)).size,
    dossier: { threshold: tunedPipeline.threshold, ...round(pipeline) },
    dossierAtDefaultThreshold: { threshold: JOIN_THRESHOLD, ...round(atDefault) },
    tfidfAverageLinkage: { threshold: tunedBaseline.threshold, ...round(baseline) },
    allSingletons: round(singletons),
    seconds: Number(((Date.now() - started) / 1000).toFixed(1)),
  };
  console.log(`${name}: ${JSON.stringify(result)}`);
  return result;
}

const started = Date.now();
const ecbPlus = loadEcbPlus();
const ecb = evaluate('ecb+ dev topics pooled (tuned on train topics)', ecbPlus.train, ecbPlus.dev);
const multiNews = evaluate('multi-news test (tuned on validation)', loadMultiNews('validation.sample250.jsonl'), loadMultiNews('test.sample250.jsonl'));
const uciHalves = loadUci();
const uci = evaluate('uci headlines (tuned on the other half of the stories)', uciHalves.tune, uciHalves.report);
if (annotationFailures > 0) console.log(`extractors failed on ${annotationFailures} documents (clustered on TF-IDF only)`);
console.log(
  JSON.stringify({
    dataset: 'multi-news-sample/test.sample250.jsonl',
    metric: 'bcubed_f1',
    value: multiNews.dossier.f1,
    precision: multiNews.dossier.precision,
    recall: multiNews.dossier.recall,
    ari: multiNews.dossier.ari,
    threshold: multiNews.dossier.threshold,
    baseline_tfidf_average_linkage: multiNews.tfidfAverageLinkage,
    all_singletons: multiNews.allSingletons,
    uci_headlines: { dossier: uci.dossier, tfidfAverageLinkage: uci.tfidfAverageLinkage, allSingletons: uci.allSingletons },
    ecbplus_dev: { documents: ecb.documents, events: ecb.clusters, dossier: ecb.dossier, dossierAtDefaultThreshold: ecb.dossierAtDefaultThreshold, tfidfAverageLinkage: ecb.tfidfAverageLinkage, allSingletons: ecb.allSingletons },
    annotation_failures: annotationFailures,
    seconds: Number(((Date.now() - started) / 1000).toFixed(1)),
  }),
);
