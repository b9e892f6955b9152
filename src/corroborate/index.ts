// Corroboration across the articles of one event: claims (structured statements aligned across sources,
// each group with a verdict), the discrepancies behind contradicted claims, aligned quotes, and how
// each outlet's report differs from the others'.
import type { Article } from '../types.js';
import type { AlignedQuote, Claim, Discrepancy, FramingDifference } from '../events/types.js';
import { compareClaims, type ClaimOptions } from './claims.js';
import { framingDifferences } from './framing.js';
import { alignQuotes } from './quotes.js';
import { SentenceIndex } from './sentences.js';

export interface Corroboration {
  quotes: AlignedQuote[];
  claims: Claim[];
  discrepancies: Discrepancy[];
  framing: FramingDifference[];
}

/** `independent`: ids of the articles that count as independent sources (not near-copies). */
export function corroborate(articles: Article[], independent: Set<string>, sentences: SentenceIndex = new SentenceIndex(), options: ClaimOptions = {}): Corroboration {
  const { claims, discrepancies } = compareClaims(articles, independent, sentences, options);
  const quotes = alignQuotes(articles.filter((article) => independent.has(article.id)));
  return { quotes, claims, discrepancies, framing: framingDifferences(articles, independent, claims, quotes) };
}
