// Time to corroborate one event of 20 articles (claims, quotes, framing), median of several runs after
// one warm-up (the model and WordNet index load once per process; that load is printed apart).
//
//   npm run bench:claims
//
// Two events: "mixed", the 20 independent articles of the claims fixture stories taken as one event
// (eight stories, so fewer sentences match); "one story", 20 renderings of the sample corpus's four
// independent reports (each keeps a different four fifths of its sentences), where nearly every
// sentence has matches in other articles: the hard case for pairwise alignment.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from '../src/types.js';
import { processDocument } from '../src/pipeline.js';
import { annotate } from '../src/extract/index.js';
import { deduplicate } from '../src/events/dedup.js';
import { corroborate } from '../src/corroborate/index.js';
import { SameClaimScorer } from '../src/corroborate/paraphrase.js';
import { splitSentences } from '../src/extract/sentences.js';
import { loadStory, storyNames } from './claims-stories.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

let started = performance.now();
const scorer = new SameClaimScorer();
scorer.probability('The bank raised its rate.', 'The bank lifted its rate.');
const loadMs = performance.now() - started;

const mixed = storyNames().flatMap((name) => loadStory(name).articles);
const { originalOf } = deduplicate(mixed);
const mixedEvent = mixed.filter((article) => !originalOf.has(article.id)).slice(0, 20);

const seedDir = path.join(repoRoot, 'examples/seeds');
const seeds = readdirSync(seedDir).sort().map((file) => annotate(processDocument({ source: path.join(seedDir, file), bytes: readFileSync(path.join(seedDir, file)) })));
const seedOriginals = deduplicate(seeds).originalOf;
const reports = seeds.filter((article) => article.status === 'ok' && !seedOriginals.has(article.id));
const renderings: Article[] = [];
for (let variant = 0; renderings.length < 20; variant++) {
  for (const report of reports) {
    if (renderings.length >= 20) break;
    const kept = splitSentences(report.text).filter((_, index) => index % 5 !== variant % 5).map((sentence) => sentence.text);
    renderings.push(annotate(processDocument({ source: `${report.source}#${variant}`, bytes: Buffer.from(`${report.title ?? ''}\nUpdated: ${report.published ?? ''}\n${kept.join('\n')}\n`) })));
  }
}

const result: Record<string, unknown> = { bench: 'claims', loadMs: Math.round(loadMs) };
for (const [name, event] of [['mixed', mixedEvent], ['one story', renderings]] as const) {
  const independent = new Set(event.map((article) => article.id));
  corroborate(event, independent, undefined, { scorer });
  const times: number[] = [];
  let claims = 0;
  for (let run = 0; run < RUNS; run++) {
    started = performance.now();
    claims = corroborate(event, independent, undefined, { scorer: new SameClaimScorer(scorer.model) }).claims.length;
    times.push(performance.now() - started);
  }
  const sentences = event.reduce((sum, article) => sum + splitSentences(article.text).length, 0);
  console.error(`${name}: ${event.length} articles, ${sentences} sentences, ${claims} claim groups: median ${median(times).toFixed(0)} ms (runs ${times.map((t) => t.toFixed(0)).join(', ')})`);
  result[name === 'mixed' ? 'mixedMs' : 'oneStoryMs'] = Math.round(median(times));
}
console.error(`model and WordNet index load, once per process: ${loadMs.toFixed(0)} ms`);
console.log(JSON.stringify(result));
