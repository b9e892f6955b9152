// The one document model that flows through dossier's stages.
// Annotations are spans over `Article.text` (the clean body); offsets are UTF-16 code-unit
// indices, as JavaScript strings index them, so `text.slice(start, end)` is the mention.

/** A raw input unit before decoding: one file, or one line of a JSONL file. */
export interface RawDocument {
  /** The path as the user gave it (plus `#L<n>` for a JSONL line). */
  source: string;
  /** Raw bytes of a file; absent for JSONL records, which carry decoded strings. */
  bytes?: Buffer;
  /** Pre-decoded fields from a JSONL record. */
  record?: { url?: string; title?: string; published?: string; text?: string; html?: string };
  /** A reason this unit cannot be read at all (unreadable JSONL line, gzip error, ...). */
  error?: string;
  /** Problems met while reading it that did not stop it (a file name that is not UTF-8). */
  warnings?: string[];
  /** What is known from where the bytes were found: a fetch, a feed item, a WARC record. */
  hints?: DocumentHints;
}

/** Facts about a document from outside it. The URL is authoritative; the rest fill gaps the page leaves. */
export interface DocumentHints {
  /** The page's canonical address: becomes the article's URL. */
  url?: string;
  /** Used when the page has no title, date or byline of its own (feed item fields, a WARC record's date). */
  title?: string;
  published?: string;
  author?: string;
  /** The type and charset the server declared in Content-Type. */
  kind?: 'html' | 'text';
  charset?: string;
}

/** How a stage reports a problem with the input: bad pages are messages, not exceptions. */
export interface StageMessage {
  level: 'reject' | 'warn' | 'info';
  stage: string;
  reason: string;
}

export interface Removal {
  text: string;
  reason: string;
}

export interface ReaderComment {
  author: string;
  text: string;
}

export interface Span {
  start: number;
  end: number;
}

export interface Mention extends Span {
  text: string;
}

export type EntityType = 'person' | 'organization' | 'location';

export interface Entity {
  /** Stable within an article, e.g. `e1`. */
  id: string;
  /** The fullest form of the name seen in the article. */
  name: string;
  type: EntityType;
  /** Every other surface form that refers to the same entity (spelling variants, surnames, roles). */
  aliases: string[];
  /** Titles and roles given to the entity in this article ("Foreign Minister"). */
  roles: string[];
  mentions: Mention[];
}

export interface DateMention extends Span {
  text: string;
  /** TIMEX3-style value: `2026-02-01`, `2026-02`, `2026`, `2026-W05`, `P2M`, a range `2026-02-01/2026-02-07`,
   *  or null when the expression cannot be anchored (no publication date). */
  value: string | null;
}

export interface Quote extends Span {
  /** The quoted or reported content (the characters from start to end). */
  text: string;
  /** The speaker's name as resolved (an entity's name), or the surface text when unresolved; null if unknown. */
  speaker: string | null;
  /** Id of the entity in `Article.entities`, when resolved. */
  speakerEntity: string | null;
  cue: string | null;
  /** Where the article says the words came from ("TASS", "a ministry announcement"). */
  channel: string | null;
  kind: 'direct' | 'indirect';
}

/** The article as dossier stores and exports it. */
export interface Article {
  /** Content hash of the input (first 16 hex chars of SHA-256): the same content is the same article. */
  id: string;
  source: string;
  status: 'ok' | 'rejected';
  reason?: string;
  url: string | null;
  title: string | null;
  publisher: string | null;
  /** ISO 8601 date (`2026-02-02`) or date-time, or null. */
  published: string | null;
  byline: string | null;
  dateline: string | null;
  agencies: string[];
  language: string | null;
  /** Clean body: paragraphs separated by one blank line. */
  text: string;
  captions: string[];
  comments: ReaderComment[];
  removed: Removal[];
  messages: StageMessage[];
  entities?: Entity[];
  dates?: DateMention[];
  quotes?: Quote[];
}
