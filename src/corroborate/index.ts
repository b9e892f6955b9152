// Corroboration across the articles of one event: aligned quotes, agreed/contradicted/single-source
// claims with discrepancies, and framing differences between outlets.
import type { Article } from '../types.js';
import type { AlignedQuote, Claim, Discrepancy, FramingDifference } from '../events/types.js';
import { compareClaims } from './claims.js';
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
export function corroborate(articles: Article[], independent: Set<string>, sentences: SentenceIndex = new SentenceIndex()): Corroboration {
  const { claims, discrepancies } = compareClaims(articles, independent, sentences);
  return { quotes: alignQuotes(articles), claims, discrepancies, framing: framingDifferences(articles, independent) };
}
