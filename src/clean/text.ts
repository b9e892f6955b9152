// Cleans scraped plain text (and the paragraphs an HTML extractor produced) into the
// article body. Written by hand: these rules are dossier's own core. Every dropped line
// is recorded with its reason; captions and reader comments are kept aside.
import type { ReaderComment, Removal } from '../types.js';
import {
  BOILERPLATE_RULES,
  CAPTION_CREDIT,
  COMMENT_SECTION_HEADING,
  DISCLAIMER_HEADING,
  DISCLAIMER_PARAGRAPH,
  ERROR_PAGE_RULES,
  TRAILING_CREDIT,
  canonicalAgency,
  matchRule,
} from './rules.js';

export interface CleanedText {
  /** Lines before the body that look like a site name, title and date line. */
  header: string[];
  title: string | null;
  paragraphs: string[];
  captions: string[];
  comments: ReaderComment[];
  removed: Removal[];
  /** Dates read from removed header lines ("date 2026-02-02", "Updated: February 28, 2025 21:14"). */
  dateLines: string[];
  /** Agencies credited in removed credit lines ("AFP, REUTERS"). */
  creditedAgencies: string[];
  /** Byline lines ("By Jane Doe and John Roe, Reuters"), removed from the body. */
  bylines: string[];
  /** Whether error-page debris was found (a page that is only that gets rejected). */
  errorPage: boolean;
}

/** A paragraph at least this long (in characters) starts the body; shorter lines before it form the header. */
const BODY_PARAGRAPH_MIN_CHARS = 160;
/** Repeated paragraphs shorter than this are kept: short lines ("Yes.") legitimately recur. */
const REPEAT_MIN_CHARS = 24;
/**
 * In HTML the extractor has already dropped page furniture, and what repeats is mostly real
 * (interview questions, embedded posts): only long repeated paragraphs are scrape debris.
 * Calibrated on the article-extraction benchmark, where a 24-character floor cost recall.
 */
const HTML_REPEAT_MIN_CHARS = 120;
/** Header lines longer than this are not titles. */
const TITLE_MAX_CHARS = 220;
/** Captions above a photo credit line are at most this long (a long paragraph there is body text). */
const CAPTION_MAX_CHARS = 300;
/** Comment author names are short: at most this many words. */
const COMMENT_AUTHOR_MAX_WORDS = 4;

/** Date header lines that scrapers emit: "date 2026-02-02 403", "Updated: February 28, 2025 21:14", "Published on 3 March 2024". */
const DATE_LINE = /^\W*(?:date|dated|updated|published|posted|last updated|first published|modified)(?:\s+on)?\s*:?\s*(.{6,60}?)\s*(?:\b[1-5]\d\d\b)?\s*$/i;
const DATE_LIKE = /\b(\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}|(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4})/i;

/** "By Jane Doe", "By Jane Doe and John Roe | Reuters | March 3, 2024". */
const BYLINE = /^\W*[Bb][Yy]:?\s+\p{Lu}[\p{L}.'’-]+(\s+[\p{L}.'’-]+){0,3}((\s*(,|and|&)\s*)[A-Z\p{Lu}][\p{L}.'’-]+(\s+[\p{L}.'’-]+){0,3})*(\s*[|,·•–-]\s*.{0,60})?$/u;
const BYLINE_MAX_CHARS = 140;

/** A line that is only a date, as printed under a headline: "March 11, 2025", "Tue 11 Mar 2025 14:02 GMT". */
const BARE_DATE_LINE = new RegExp(
  `^\\W*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s+)?${DATE_LIKE.source}(?:,?\\s+\\d{1,2}[:.]\\d{2}(?:\\s*[ap]\\.?m\\.?)?)?(?:\\s*\\(?(?:GMT|UTC|[A-Z]{2,4})(?:[+-]\\d{1,2})?\\)?)?\\W*$`,
  'i',
);
/** Headings of related-story lists, whose following headline lines are links. */
const RELATED_LINKS_HEADING = /^\W*(read more|related( (articles|stories|news|coverage|content|topics))?|more on this( story)?|also read|see also|you may also like|recommended( for you)?|more (stories|news)|explore more on these topics|topics|tags|filed under)\W*$/i;
const RELATED_HEADLINE_MAX_CHARS = 140;
/** Wire-story production credits: "(Reporting by Jane Doe; Editing by John Roe)", "AP writer Jane Doe contributed to this report." */
const PRODUCTION_CREDIT = /^\(?\s*(reporting|additional reporting|writing|editing|compiled) by\b.{0,300}\)?$|^.{0,160}\bcontributed (reporting )?to this (report|story|article)\.?$/i;
/** Lines of only rules and symbols ("___", "* * *") separate the article from its credits. */
const SEPARATOR = /^[\s_*=~#•·-]{3,}$/;
/** A header byline without "By": "Jane Otieno in Nairobi", "Jane Otieno and Tom Reed in Lima". */
const HEADER_BYLINE = /^\p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’-]+){1,2}(?:(?:,| and) \p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’-]+){1,2})* in \p{Lu}[\p{L} '’-]{1,30}$/u;
/** Headlines have at least this many words; shorter header lines above one are site names. */
const HEADLINE_MIN_WORDS = 6;

const TERMINAL = /[.!?:;"”’')\]…]$/;

function normaliseForRepeat(paragraph: string): string {
  return paragraph.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/**
 * Splits raw text into paragraphs. Scraped text usually has one paragraph per line; text
 * hard-wrapped at a fixed width (blank lines between paragraphs, short unpunctuated lines
 * inside them) is re-flowed first.
 */
export function splitParagraphs(raw: string): string[] {
  const text = raw.replace(/\r\n?/g, '\n').replace(/\u00a0/g, ' ');
  const blocks = text.split(/\n\s*\n/);
  const multiLine = blocks.filter((block) => block.trim().split('\n').length > 2);
  const lines = multiLine.flatMap((block) => block.trim().split('\n'));
  const wrapped =
    lines.length >= 6 &&
    lines.filter((line) => line.length >= 40 && line.length <= 100).length / lines.length > 0.8 &&
    lines.filter((line) => !TERMINAL.test(line.trim())).length / lines.length > 0.5;
  const paragraphs: string[] = [];
  for (const block of blocks) {
    const blockLines = block.split('\n').map((line) => line.replace(/[ \t]+/g, ' ').trim()).filter(Boolean);
    if (wrapped) {
      if (blockLines.length) paragraphs.push(blockLines.join(' '));
    } else {
      paragraphs.push(...blockLines);
    }
  }
  return paragraphs;
}

/**
 * Re-joins paragraphs that scraping broke around a link: a paragraph without final
 * punctuation followed by one that starts in lower case, or by bare punctuation.
 */
function rejoinBrokenParagraphs(paragraphs: string[]): string[] {
  const joined: string[] = [];
  for (const paragraph of paragraphs) {
    const previous = joined[joined.length - 1];
    if (previous !== undefined && !TERMINAL.test(previous) && previous.split(' ').length >= 4) {
      if (/^[.,;:!?)”’"]+$/.test(paragraph)) {
        joined[joined.length - 1] = previous + paragraph;
        continue;
      }
      if (/^\(?[a-z]/.test(paragraph)) {
        joined[joined.length - 1] = `${previous} ${paragraph}`;
        continue;
      }
    }
    joined.push(paragraph);
  }
  return joined;
}

/** Reads "author / text" pairs after a comment-section heading. */
function readComments(lines: string[]): { comments: ReaderComment[]; rest: string[] } {
  const comments: ReaderComment[] = [];
  let index = 0;
  while (index + 1 < lines.length) {
    const author = lines[index];
    const text = lines[index + 1];
    // Names may end in an initial ("Ana P.") but not in a sentence-ending word.
    const authorLike =
      author.split(/\s+/).length <= COMMENT_AUTHOR_MAX_WORDS &&
      author.length <= 40 &&
      !/[!?:;"”’)]$/.test(author) &&
      !/\p{Ll}{2,}\.$/u.test(author);
    if (!authorLike) break;
    comments.push({ author, text });
    index += 2;
  }
  return { comments, rest: lines.slice(index) };
}

export interface CleanOptions {
  /**
   * Where the paragraphs come from. Plain text gets the full treatment: a header with site
   * name, title and date lines, captions recognised by the credit line under them. HTML
   * paragraphs come from an extractor that already knows the title and the figures.
   */
  source: 'text' | 'html';
}

export function cleanParagraphs(input: string[], options: CleanOptions = { source: 'text' }): CleanedText {
  const fromText = options.source === 'text';
  const repeatMinChars = fromText ? REPEAT_MIN_CHARS : HTML_REPEAT_MIN_CHARS;
  const removed: Removal[] = [];
  const captions: string[] = [];
  const dateLines: string[] = [];
  const creditedAgencies: string[] = [];
  const bylines: string[] = [];
  let comments: ReaderComment[] = [];
  let errorPage = false;

  // Pass 1: drop debris line by line, pull out captions, stop at a comment section.
  const kept: string[] = [];
  let skipDisclaimerBody = false;
  for (let i = 0; i < input.length; i++) {
    const line = input[i];
    if (skipDisclaimerBody) {
      skipDisclaimerBody = false;
      if (line.length > 40) {
        removed.push({ text: line, reason: 'legal disclaimer' });
        continue;
      }
    }
    const heading = COMMENT_SECTION_HEADING.exec(line);
    if (heading && i + 2 < input.length) {
      const { comments: found, rest } = readComments(input.slice(i + 1));
      if (found.length > 0) {
        removed.push({ text: line, reason: 'comment section heading' });
        comments = comments.concat(found);
        for (const leftover of rest) removed.push({ text: leftover, reason: 'after the comment section' });
        break;
      }
    }
    const dateLine = DATE_LINE.exec(line);
    if (dateLine && DATE_LIKE.test(dateLine[1]) && line.length <= 80) {
      dateLines.push(dateLine[1]);
      removed.push({ text: line, reason: 'date header (read as publication date)' });
      continue;
    }
    if (line.length <= BYLINE_MAX_CHARS && BYLINE.test(line)) {
      bylines.push(line);
      removed.push({ text: line, reason: 'byline (kept as metadata)' });
      continue;
    }
    if (line.length <= 60 && BARE_DATE_LINE.test(line)) {
      dateLines.push(line);
      removed.push({ text: line, reason: 'date line (read as publication date)' });
      continue;
    }
    if (SEPARATOR.test(line)) {
      removed.push({ text: line, reason: 'separator line' });
      continue;
    }
    if (PRODUCTION_CREDIT.test(line)) {
      removed.push({ text: line, reason: 'production credit' });
      continue;
    }
    const errorRule = matchRule(line, ERROR_PAGE_RULES);
    if (errorRule) {
      errorPage = true;
      removed.push({ text: line, reason: errorRule.reason });
      continue;
    }
    if (DISCLAIMER_HEADING.test(line)) {
      removed.push({ text: line, reason: 'legal disclaimer' });
      skipDisclaimerBody = true;
      continue;
    }
    if (DISCLAIMER_PARAGRAPH.test(line)) {
      removed.push({ text: line, reason: 'legal disclaimer' });
      continue;
    }
    if (RELATED_LINKS_HEADING.test(line)) {
      removed.push({ text: line, reason: 'related links heading' });
      // Headlines and topics listed under "Read more:" / "Related" are links to other pages.
      while (i + 1 < input.length && input[i + 1].length <= RELATED_HEADLINE_MAX_CHARS && !TERMINAL.test(input[i + 1])) {
        removed.push({ text: input[++i], reason: 'related link' });
      }
      continue;
    }
    const rule = matchRule(line, BOILERPLATE_RULES);
    if (rule) {
      if (fromText && rule.reason === 'photo credit' && kept.length > 0 && isCaptionCandidate(kept[kept.length - 1])) {
        // A credit line closes the caption above it: keep the two together, aside.
        captions.push(`${kept.pop()} ${line}`);
        removed.push({ text: line, reason: 'photo credit (kept with its caption)' });
        continue;
      }
      removed.push({ text: line, reason: rule.reason });
      continue;
    }
    if (CAPTION_CREDIT.test(line) && line.length <= 600) {
      captions.push(line);
      continue;
    }
    kept.push(line);
  }

  // Pass 2: re-join paragraphs broken around links, then collapse repeats.
  const rejoined = rejoinBrokenParagraphs(kept);
  const seen = new Set<string>();
  const unique: string[] = [];
  for (const paragraph of rejoined) {
    const key = normaliseForRepeat(paragraph);
    if (key.length >= repeatMinChars && seen.has(key)) {
      removed.push({ text: paragraph, reason: 'repeated paragraph' });
      continue;
    }
    seen.add(key);
    unique.push(paragraph);
  }

  // Pass 3: a trailing agency credit ("... he added. AFP, REUTERS") is metadata, not text.
  if (unique.length > 0) {
    const last = unique[unique.length - 1];
    const credit = TRAILING_CREDIT.exec(last);
    if (credit && credit.index > 0) {
      unique[unique.length - 1] = last.slice(0, credit.index).trimEnd();
      removed.push({ text: credit[1], reason: 'agency credit line' });
      creditedAgencies.push(...credit[1].split(/\s*(?:,|\/|\band\b|&)\s*/).filter(Boolean).map(canonicalAgency));
    } else if (credit && credit.index === 0) {
      unique.pop();
      removed.push({ text: last, reason: 'agency credit line' });
      creditedAgencies.push(...last.split(/\s*(?:,|\/|\band\b|&)\s*/).filter(Boolean).map(canonicalAgency));
    }
  }

  // Pass 4: the header is the run of short lines before the first body-length paragraph.
  const firstBody = unique.findIndex((paragraph) => paragraph.length >= BODY_PARAGRAPH_MIN_CHARS);
  const headerEnd = !fromText ? 0 : firstBody === -1 ? Math.min(1, unique.length) : firstBody;
  const header = unique.slice(0, headerEnd);
  const title = pickTitle(header);
  const paragraphs = unique.slice(headerEnd);
  const titleIndex = title === null ? -1 : header.indexOf(title);
  header.forEach((line, index) => {
    if (index === titleIndex) return;
    if (index > titleIndex && HEADER_BYLINE.test(line)) {
      bylines.push(line);
      removed.push({ text: line, reason: 'byline (kept as metadata)' });
    } else {
      removed.push({ text: line, reason: index < titleIndex ? 'site header' : 'standfirst or label under the headline' });
    }
  });

  return { header, title, paragraphs, captions, comments, removed, dateLines, creditedAgencies, bylines, errorPage };
}

/** Caption-like lines are one short sentence describing a picture, not a quotation. */
function isCaptionCandidate(line: string): boolean {
  return line.length <= CAPTION_MAX_CHARS && !/["”]\s*$/.test(line) && !/[.!?]\s+\p{Lu}/u.test(line);
}

/**
 * The title is the first headline-length line of the header: site names above it are
 * shorter, and a standfirst below it comes second. A header of short lines keeps its longest.
 */
function pickTitle(header: string[]): string | null {
  const fits = header.filter((line) => line.length <= TITLE_MAX_CHARS);
  const headline = fits.find((line) => line.split(/\s+/).length >= HEADLINE_MIN_WORDS && !HEADER_BYLINE.test(line));
  if (headline) return headline;
  // "Jane Otieno in Nairobi" and "Talks in Beijing" look alike: a byline-shaped line is the title only when nothing else is.
  const others = fits.filter((line) => !HEADER_BYLINE.test(line));
  const pool = others.length > 0 ? others : fits;
  if (pool.length === 0) return null;
  return pool.reduce((best, line) => (line.length > best.length ? line : best));
}

export function cleanPlainText(raw: string): CleanedText {
  return cleanParagraphs(splitParagraphs(raw));
}
