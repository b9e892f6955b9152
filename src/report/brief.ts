// A brief: what a reader needs about one event, every statement pointing at the sentence it came from.
import type { Article } from '../types.js';
import type { Citation, Claim, Discrepancy, DossierEvent, EventArticle, FramingDifference, QuoteVariant } from '../events/types.js';
import { splitSentences, type Sentence } from '../extract/sentences.js';
import { contentTerms, dot, norm, TfidfSpace, type SparseVector } from '../events/cluster.js';
import { isCaption } from '../events/timeline.js';

/** Length of "what happened" when the caller sets none: a paragraph a reader takes in at a glance. */
const DEFAULT_SUMMARY_WORDS = 120;
/** MMR trade-off between centrality and novelty (Carbonell & Goldstein 1998). Of 0.5/0.6/0.7/0.8 on the
 *  Multi-News validation sample (scripts/eval-brief.ts validation), 0.5 gave the best ROUGE-1/2 (0.471/0.162);
 *  the spread was under 0.01. */
const MMR_LAMBDA = 0.5;
/** Weight of the lead prior: news puts the event in its first sentences. Of 0/0.3/0.6 on the same sample
 *  (at lambda 0.7), 0.3 gave the best ROUGE-1/2. */
const LEAD_WEIGHT = 0.3;
/** Sentences shorter or longer than this (in words) are fragments, headings or run-ons, not summary material. */
const MIN_SENTENCE_WORDS = 8;
const MAX_SENTENCE_WORDS = 60;
/** Page furniture that survives cleaning in some sources. */
const BOILERPLATE_PATTERN =
  /https?:\/\/|www\.|@\w|\b(?:subscribe|newsletter|sign up|click here|cookies?|advertisement|all rights reserved|copyright|follow us|read more|share this|javascript)\b|©/i;
const MAX_KEY_QUOTES = 5;
const MIN_QUOTE_WORDS = 5;

export interface BriefSentence {
  text: string;
  citation: Citation;
}

export interface BriefSource {
  /** 1-based number used in rendered citations. */
  number: number;
  id: string;
  title: string | null;
  publisher: string | null;
  published: string | null;
  url: string | null;
  independent: boolean;
  duplicateOf: string | null;
}

/** The number a source has in the brief's source list, or null when it is not listed. */
export function sourceNumber(sources: BriefSource[], article: string): number | null {
  return sources.find((source) => source.id === article)?.number ?? null;
}

export interface BriefQuote {
  text: string;
  speaker: string | null;
  articles: string[];
  /** Each source's rendering, with the words it differs in marked. */
  variants?: QuoteVariant[];
}

export interface BriefParticipant {
  id: string;
  name: string;
  type: string;
  roles: string[];
}

export interface TimelineEntry {
  date: string | null;
  label: string;
  kind: 'event' | 'referenced' | 'series' | 'report';
  eventId: string | null;
  evidence: Citation[];
}

export interface Brief {
  eventId: string;
  headline: string;
  when: string | null;
  where: string | null;
  who: BriefParticipant[];
  whatHappened: BriefSentence[];
  keyQuotes: BriefQuote[];
  agreements: Claim[];
  contradictions: { claims: Claim[]; discrepancies: Discrepancy[] };
  singleSource: Claim[];
  /** Figures that changed as reports came in (a rising toll), each with its progression. */
  updated?: Claim[];
  /** Claims only found as what one party said. */
  attributed?: Claim[];
  outletDifferences: FramingDifference[];
  timeline: TimelineEntry[];
  sources: BriefSource[];
}

export interface BriefOptions {
  /** Word budget of "what happened": sentences are added until it is reached. */
  summaryWords?: number;
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

interface Candidate {
  sentence: Sentence;
  article: Article;
  index: number;
  /** Position among the article's usable sentences (0 = lead). */
  rank: number;
  vector: SparseVector;
}

function usable(article: Article, sentence: Sentence): boolean {
  if (isCaption(article, sentence)) return false;
  const words = wordCount(sentence.text);
  if (words < MIN_SENTENCE_WORDS || words > MAX_SENTENCE_WORDS) return false;
  if (BOILERPLATE_PATTERN.test(sentence.text) || /:\s*$/.test(sentence.text)) return false;
  // Mostly lower-case prose, not a heading, a caption credit or a list of names.
  const letters = sentence.text.replace(/[^\p{L}]/gu, '');
  const lower = sentence.text.replace(/[^\p{Ll}]/gu, '');
  return letters.length > 0 && lower.length / letters.length >= 0.6;
}

/** Extractive multi-source summary: sentences central to all sources (cosine to the mean of the articles'
 *  TF-IDF vectors, with a lead prior), picked by maximal marginal relevance so repeats across sources are
 *  skipped. Sentences come out in the order they were picked, most central first. */
export function summarize(articles: Article[], maxWords: number): BriefSentence[] {
  const pool: Omit<Candidate, 'vector'>[] = [];
  for (const article of articles) {
    let rank = 0;
    splitSentences(article.text).forEach((sentence, index) => {
      if (usable(article, sentence)) pool.push({ sentence, article, index, rank: rank++ });
    });
  }
  if (pool.length === 0) return [];
  const terms = pool.map((candidate) => contentTerms(candidate.sentence.text));
  const space = new TfidfSpace(terms);
  const candidates: Candidate[] = pool.map((candidate, i) => ({ ...candidate, vector: space.vector(terms[i]) }));

  // Each article weighs the same in the centre, however long it is.
  const centre: SparseVector = new Map();
  for (const article of articles) {
    const own = candidates.filter((candidate) => candidate.article === article);
    for (const candidate of own) {
      for (const [term, weight] of candidate.vector) centre.set(term, (centre.get(term) ?? 0) + weight / own.length);
    }
  }
  const centreNorm = norm(centre) || 1;
  const relevance = candidates.map((candidate) => dot(candidate.vector, centre) / centreNorm + LEAD_WEIGHT / (1 + candidate.rank));

  const chosen: Candidate[] = [];
  const taken = new Set<number>();
  let words = 0;
  while (words < maxWords && taken.size < candidates.length) {
    let best = -1;
    let bestScore = Number.NEGATIVE_INFINITY;
    candidates.forEach((candidate, i) => {
      if (taken.has(i)) return;
      const redundancy = chosen.reduce((max, picked) => Math.max(max, dot(candidate.vector, picked.vector)), 0);
      const score = MMR_LAMBDA * relevance[i] - (1 - MMR_LAMBDA) * redundancy;
      if (score > bestScore) {
        best = i;
        bestScore = score;
      }
    });
    taken.add(best);
    chosen.push(candidates[best]);
    words += wordCount(candidates[best].sentence.text);
  }
  return chosen.map((candidate) => ({
    text: candidate.sentence.text,
    citation: { article: candidate.article.id, sentence: candidate.index, start: candidate.sentence.start, end: candidate.sentence.end },
  }));
}

/** Key quotes: only words a source put inside quotation marks, verbatim (the event's aligned direct
 *  quotes), those carried by more sources first, each with its renderings side by side. */
function keyQuotes(event: DossierEvent): BriefQuote[] {
  return event.quotes
    .filter((quote) => quote.kind !== 'indirect' && wordCount(quote.text) >= MIN_QUOTE_WORDS)
    .map((quote, order) => ({ quote, order }))
    .sort((a, b) => b.quote.articles.length - a.quote.articles.length || Number(b.quote.speaker !== null) - Number(a.quote.speaker !== null) || a.order - b.order)
    .slice(0, MAX_KEY_QUOTES)
    .map(({ quote }) => ({ text: quote.text, speaker: quote.speaker, articles: [...quote.articles], variants: quote.variants }));
}

function timelineOf(event: DossierEvent): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    { date: event.date, label: event.title, kind: 'event', eventId: event.id, evidence: [] },
    ...event.related.map((related) => ({
      date: related.date,
      label: related.title,
      kind: related.relation,
      eventId: related.id,
      evidence: related.evidence,
    })),
    ...event.articles.map((article: EventArticle) => ({
      date: article.published,
      label: `${article.publisher ?? 'Unknown outlet'} reports${article.title ? `: ${article.title}` : ''}`,
      kind: 'report' as const,
      eventId: null,
      evidence: [],
    })),
  ];
  // Undated entries last; at one date, what the event refers to, the event, then the reports on it.
  const kindOrder = { referenced: 0, series: 1, event: 2, report: 3 };
  const dateKey = (entry: TimelineEntry): string => entry.date ?? '\uffff';
  return entries
    .map((entry, order) => ({ entry, order }))
    .sort((a, b) => {
      const [x, y] = [dateKey(a.entry), dateKey(b.entry)];
      return (x < y ? -1 : x > y ? 1 : 0) || kindOrder[a.entry.kind] - kindOrder[b.entry.kind] || a.order - b.order;
    })
    .map(({ entry }) => entry);
}

/** Agreed claims, less those whose evidence the brief lists under disagreements: that sentence also
 *  states a disputed value, so "sources agree" beside it would say the opposite of the next section. */
function agreementsOf(event: DossierEvent): Claim[] {
  const disputed = new Set(event.claims.filter((claim) => claim.status === 'contradicted').flatMap((claim) => claim.evidence.map((c) => `${c.article}:${c.sentence}`)));
  return event.claims.filter((claim) => claim.status === 'agreed' && !claim.evidence.every((c) => disputed.has(`${c.article}:${c.sentence}`)));
}

/** Builds the brief of one event from the event and its articles (those not given are left out of the
 *  summary; the event's article list still numbers every source). */
export function buildBrief(event: DossierEvent, articles: Article[], options: BriefOptions = {}): Brief {
  const byId = new Map(articles.map((article) => [article.id, article]));
  const independent = event.articles.filter((article) => article.independent && byId.has(article.id)).map((article) => byId.get(article.id)!);
  const sources: BriefSource[] = event.articles.map((article, i) => ({
    number: i + 1,
    id: article.id,
    title: article.title,
    publisher: article.publisher,
    published: article.published,
    url: byId.get(article.id)?.url ?? null,
    independent: article.independent,
    duplicateOf: article.duplicateOf,
  }));
  return {
    eventId: event.id,
    headline: event.title,
    when: event.date,
    where: event.location,
    who: event.participants.map((participant) => ({ id: participant.id, name: participant.name, type: participant.type, roles: participant.roles })),
    whatHappened: summarize(independent, options.summaryWords ?? DEFAULT_SUMMARY_WORDS),
    keyQuotes: keyQuotes(event),
    agreements: agreementsOf(event),
    contradictions: { claims: event.claims.filter((claim) => claim.status === 'contradicted'), discrepancies: event.discrepancies },
    singleSource: event.claims.filter((claim) => claim.status === 'single'),
    updated: event.claims.filter((claim) => claim.status === 'updated'),
    attributed: event.claims.filter((claim) => claim.status === 'attributed'),
    outletDifferences: event.framing,
    timeline: timelineOf(event),
    sources,
  };
}
