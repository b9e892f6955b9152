// Cross-article model: events built from many articles, with cited evidence.
import type { EntityType } from '../types.js';
import type { EventPlace } from './timeline.js';

/** Points at the sentence a statement came from: article id plus character offsets in its clean text. */
export interface Citation {
  article: string;
  /** Index of the sentence in the article's sentence list. */
  sentence: number;
  start: number;
  end: number;
}

export interface EventArticle {
  id: string;
  title: string | null;
  publisher: string | null;
  published: string | null;
  /** False for near-copies and syndicated re-posts: they never count as independent sources. */
  independent: boolean;
  duplicateOf: string | null;
  /** The article announces the occasion ahead of it. */
  preview?: boolean;
}

export interface Participant {
  /** Stable across events: derived from the normalised name. */
  id: string;
  name: string;
  type: EntityType;
  aliases: string[];
  roles: string[];
  /** Articles (ids) that mention the participant. */
  articles: string[];
}

/** PLOVER event types (https://github.com/openeventdata/PLOVER). */
export type PloverType =
  | 'AGREE' | 'CONSULT' | 'SUPPORT' | 'CONCEDE' | 'COOPERATE' | 'AID' | 'RETREAT'
  | 'REQUEST' | 'ACCUSE' | 'REJECT' | 'THREATEN' | 'PROTEST' | 'SANCTION' | 'MOBILIZE'
  | 'COERCE' | 'ASSAULT' | 'DEMAND' | 'DISAPPROVE' | 'INVESTIGATE' | 'FIGHT';

export interface Action {
  actor: string | null;
  type: PloverType;
  mode: string | null;
  target: string | null;
  date: string | null;
  location: string | null;
  evidence: Citation[];
}

export interface QuoteVariant {
  article: string;
  text: string;
  start: number;
  end: number;
}

/** One quote as several sources render it (translations, trims). */
export interface AlignedQuote {
  text: string;
  speaker: string | null;
  articles: string[];
  variants: QuoteVariant[];
}

export interface DiscrepancyValue {
  value: string;
  articles: string[];
  evidence: Citation[];
}

/** Sources disagree about one thing (a rate, a date, a title, a place). */
export interface Discrepancy {
  about: string;
  values: DiscrepancyValue[];
}

export interface Claim {
  text: string;
  status: 'agreed' | 'single-source' | 'contradicted';
  /** Independent articles that make the claim. */
  articles: string[];
  evidence: Citation[];
}

/** Terms or framings that one outlet uses for the event and the others do not. */
export interface FramingDifference {
  article: string;
  publisher: string | null;
  terms: string[];
}

export interface RelatedEvent {
  id: string | null;
  title: string;
  date: string | null;
  location: string | null;
  /** `series`: another stored event sharing participants; `referenced`: a past event mentioned in the text. */
  relation: 'series' | 'referenced';
  evidence: Citation[];
}

export interface DossierEvent {
  id: string;
  title: string;
  /** The day it happened, YYYY-MM-DD (derived from the text), or null if unknown. */
  date: string | null;
  /** Last day of a multi-day occasion (a summit, a round of talks); equal to `date` for one day. */
  endDate?: string | null;
  /** The city as the articles write it (or a country when no city is named). */
  location: string | null;
  /** The city with its country, coordinates and venue, from the gazetteer. */
  place?: EventPlace | null;
  articles: EventArticle[];
  duplicates: { id: string; duplicateOf: string }[];
  participants: Participant[];
  quotes: AlignedQuote[];
  actions: Action[];
  claims: Claim[];
  discrepancies: Discrepancy[];
  framing: FramingDifference[];
  related: RelatedEvent[];
  firstSeen: string;
  lastUpdated: string;
}
