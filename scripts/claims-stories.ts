// The claims fixture set (test/fixtures/claims): multi-outlet stories with gold claim groups and
// verdicts written before the system ran on them. Each story runs through the whole pipeline
// (clean, metadata, annotate, near-copy detection, corroboration) and is scored against its gold.
//
// Scoring. A gold member is a sentence (file and a phrase in it). A system claim covers a member when
// one of its statements cites that sentence. For a gold group, the system claim covering most of its
// members answers it; the group is recalled when that claim has the gold verdict and covers every
// member. A system claim with verdict V is correct when it covers members of exactly one gold group,
// that group's verdict is V, and, for verdicts that need two sources, it covers members from two of them.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from '../src/types.js';
import type { AlignedQuote, Claim, ClaimStatus, Discrepancy } from '../src/events/types.js';
import { processDocument } from '../src/pipeline.js';
import { annotate } from '../src/extract/index.js';
import { deduplicate } from '../src/events/dedup.js';
import { corroborate } from '../src/corroborate/index.js';

export const STORIES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test/fixtures/claims');

interface GoldGroup {
  verdict: ClaimStatus;
  about: string;
  members: [string, string][];
  values?: Record<string, string[]>;
}

interface GoldStory {
  story: string;
  groups: GoldGroup[];
  quotes?: { speaker: string; variants: [string, string][] }[];
}

export interface StoryRun {
  name: string;
  articles: Article[];
  /** File stem of each article id. */
  fileOf: Map<string, string>;
  independent: Set<string>;
  claims: Claim[];
  discrepancies: Discrepancy[];
  quotes: AlignedQuote[];
  gold: GoldStory;
  milliseconds: number;
}

export function loadStory(name: string): { articles: Article[]; fileOf: Map<string, string>; gold: GoldStory } {
  const dir = path.join(STORIES_DIR, name);
  const files = readdirSync(dir).filter((file) => file.endsWith('.txt')).sort();
  const fileOf = new Map<string, string>();
  const articles = files.map((file) => {
    const article = annotate(processDocument({ source: path.join(dir, file), bytes: readFileSync(path.join(dir, file)) }));
    fileOf.set(article.id, file.replace(/\.txt$/, ''));
    return article;
  });
  return { articles, fileOf, gold: JSON.parse(readFileSync(path.join(dir, 'gold.json'), 'utf8')) as GoldStory };
}

export function runStory(name: string): StoryRun {
  const { articles, fileOf, gold } = loadStory(name);
  const { originalOf } = deduplicate(articles);
  const independent = new Set(articles.filter((article) => !originalOf.has(article.id)).map((article) => article.id));
  const started = performance.now();
  const { claims, discrepancies, quotes } = corroborate(articles, independent);
  return { name, articles, fileOf, independent, claims, discrepancies, quotes, gold, milliseconds: performance.now() - started };
}

export const storyNames = (): string[] => readdirSync(STORIES_DIR).filter((name) => !name.includes('.')).sort();

/** Index of the sentence holding the member's phrase, as claims cite it. */
function memberKey(run: StoryRun, [file, phrase]: [string, string]): string {
  const article = run.articles.find((candidate) => run.fileOf.get(candidate.id) === file);
  if (!article) throw new Error(`${run.name}: gold names ${file}, which is not in the story`);
  const at = article.text.indexOf(phrase);
  if (at < 0) throw new Error(`${run.name}: "${phrase}" is not in ${file}`);
  return `${article.id}@${at}`;
}

function covers(claim: Claim, key: string): boolean {
  const [article, at] = key.split('@');
  return claim.evidence.some((citation) => citation.article === article && citation.start <= Number(at) && Number(at) < citation.end);
}

export interface VerdictCounts {
  gold: number;
  recalled: number;
  predicted: number;
  correct: number;
}

export interface StoryScore {
  verdicts: Record<string, VerdictCounts>;
  /** Gold groups the system got wrong, for reading. */
  misses: string[];
  quotesAligned: number;
  quotesGold: number;
}

export function scoreStory(run: StoryRun): StoryScore {
  const verdicts: Record<string, VerdictCounts> = {};
  const counts = (verdict: string) => (verdicts[verdict] ??= { gold: 0, recalled: 0, predicted: 0, correct: 0 });
  const misses: string[] = [];
  const groups = run.gold.groups.map((group) => ({ group, keys: group.members.map((member) => memberKey(run, member)) }));
  for (const { group, keys } of groups) {
    counts(group.verdict).gold++;
    const best = run.claims
      .map((claim) => ({ claim, covered: keys.filter((key) => covers(claim, key)).length }))
      .filter((entry) => entry.covered > 0)
      .sort((a, b) => b.covered - a.covered)[0];
    if (best && best.claim.status === group.verdict && best.covered === keys.length) counts(group.verdict).recalled++;
    else misses.push(`${run.name}: "${group.about}" gold ${group.verdict} (${keys.length} sources), got ${best ? `${best.claim.status} covering ${best.covered}` : 'nothing'}`);
  }
  for (const claim of run.claims) {
    counts(claim.status).predicted++;
    const touched = groups.filter(({ keys }) => keys.some((key) => covers(claim, key)));
    if (touched.length !== 1) continue;
    const [{ group, keys }] = touched;
    const coveredArticles = new Set(keys.filter((key) => covers(claim, key)).map((key) => key.split('@')[0]));
    const needsTwo = claim.status !== 'single' && claim.status !== 'attributed';
    if (group.verdict === claim.status && (!needsTwo || coveredArticles.size >= 2)) counts(claim.status).correct++;
  }
  let quotesAligned = 0;
  for (const quote of run.gold.quotes ?? []) {
    const wanted = quote.variants.map(([file, text]) => ({ article: [...run.fileOf].find(([, name]) => name === file)?.[0], text }));
    if (run.quotes.some((aligned) => wanted.every((variant) => aligned.variants.some((v) => v.article === variant.article && v.text === variant.text)))) quotesAligned++;
    else misses.push(`${run.name}: quote of ${quote.speaker} not aligned as one`);
  }
  return { verdicts, misses, quotesAligned, quotesGold: run.gold.quotes?.length ?? 0 };
}

export function totals(scores: StoryScore[]): Record<string, VerdictCounts & { precision: number; recall: number }> {
  const sum: Record<string, VerdictCounts> = {};
  for (const score of scores) {
    for (const [verdict, counts] of Object.entries(score.verdicts)) {
      const into = (sum[verdict] ??= { gold: 0, recalled: 0, predicted: 0, correct: 0 });
      into.gold += counts.gold;
      into.recalled += counts.recalled;
      into.predicted += counts.predicted;
      into.correct += counts.correct;
    }
  }
  return Object.fromEntries(
    Object.entries(sum).map(([verdict, counts]) => [
      verdict,
      { ...counts, precision: counts.predicted ? Number((counts.correct / counts.predicted).toFixed(3)) : 0, recall: counts.gold ? Number((counts.recalled / counts.gold).toFixed(3)) : 0 },
    ]),
  );
}
