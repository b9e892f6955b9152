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
  /** Words (offsets in `text`) that the other renderings do not have: what differs between translations. */
  differs?: { start: number; end: number }[];
}

/** One quote as several sources render it (translations, trims). `direct`: words a source put inside
 *  quotation marks, verbatim; `indirect`: reported speech, shown as `rendered` ("X said that ..."). */
export interface AlignedQuote {
  text: string;
  speaker: string | null;
  articles: string[];
  variants: QuoteVariant[];
  kind?: 'direct' | 'indirect';
  rendered?: string;
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
  /** The claim group it belongs to, and which slot differs. */
  claim?: string;
  slot?: 'quantity' | 'day' | 'place';
}

/** A quantity as a claim states it, normalised: `value` in the unit (`%`, `pp` for percentage points,
 *  an ISO currency code, or the counted noun's key), `low`..`high` what hedges and rounding allow
 *  (null: open, as in "more than 900"). */
export interface ClaimQuantity {
  text: string;
  value: number;
  low: number | null;
  high: number | null;
  dimension: 'percent' | 'percentage-points' | 'currency' | 'count';
  unit: string;
}

/** One source's own wording of a claim, read into slots. */
export interface ClaimStatement {
  article: string;
  /** The clause as the source wrote it; `start`/`end` index the article's text. */
  text: string;
  start: number;
  end: number;
  citation: Citation;
  who: string[];
  predicate: string | null;
  lemma: string | null;
  /** PLOVER type of the act, `STATEMENT` for reported speech, `STATE` otherwise. */
  kind: string;
  toWhom: string[];
  quantities: ClaimQuantity[];
  /** YYYY-MM-DD (or YYYY-MM) the clause dates itself to. */
  day: string | null;
  place: string | null;
  negated: boolean;
  /** The modal or intent words ("could", "plans to", "is expected to"), lower case. */
  hedge: string | null;
  /** Whom the outlet credits ("TASS", "the ministry"). */
  attribution: string | null;
}

/** `agreed`: two or more independent sources; `contradicted`: the same slot with incompatible values;
 *  `updated`: a figure that changes with publication time; `single`: one independent source in its own
 *  voice; `attributed`: only as what a party said (one source, or several crediting the same report). */
export type ClaimStatus = 'agreed' | 'contradicted' | 'updated' | 'single' | 'attributed';

export interface Claim {
  text: string;
  status: ClaimStatus;
  /** Independent articles that make the claim. */
  articles: string[];
  evidence: Citation[];
  /** Stable within the event ("c1"), shared by the discrepancy that explains a contradiction. */
  id?: string;
  /** Each source's own wording, one or more per article. */
  statements?: ClaimStatement[];
  /** Whom every statement credits, when they all credit one party. */
  attribution?: string | null;
  /** `updated` claims: the figure over publication time, earliest first. */
  progression?: { value: string; published: string | null; articles: string[] }[];
}

/** How one outlet's report differs from the others', read off the aligned claims and quotes. */
export interface FramingDifference {
  article: string;
  publisher: string | null;
  /** Its own word choice on claims other outlets share ("steadfast backing", "talks"): the `wording` entries' terms. */
  terms: string[];
  /** Claims only this outlet reports. */
  onlyHere?: { count: number; claims: { claim: string; text: string }[] };
  /** Claims most other outlets report and this one does not (`articles`: how many report it). */
  leftOut?: { count: number; claims: { claim: string; text: string; articles: number }[] };
  /** Whose words it quotes directly, and each speaker's share of its quotes. */
  voices?: { speaker: string; quotes: number; share: number }[];
  /** Whom its statements credit, and what kind of source that is. */
  attributions?: { to: string; kind: 'news agency' | 'official' | 'other'; statements: number }[];
  /** Its word choice on a shared claim, beside the other outlets' wording of it. */
  wording?: { claim: string; own: string; words: string[]; others: { article: string; text: string }[] }[];
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
