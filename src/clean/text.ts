// Cleans scraped plain text (and the paragraphs an HTML extractor produced) into the
// article body. Written by hand: these rules are dossier's own core. Every dropped line
// is recorded with its reason; captions and reader comments are kept aside.
import { readDateline } from '../metadata/text.js';
import type { ReaderComment, Removal } from '../types.js';
import {
  AGENCY_CREDIT_LINE,
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
  /** Outlets named in "Source: Al Jazeera and news agencies" lines that are not agencies. */
  sourceNames: string[];
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
/** A caption under a photo credit names what is shown: at least this many words (fewer is a date or a name). */
const CAPTION_MIN_WORDS = 4;
/** "list of 4 items" ... "end of list" blocks (screen-reader text of link lists) span at most this many lines. */
const LINK_LIST_MAX_LINES = 40;
/** At least this many one- or two-word lines in a row above the headline are a navigation menu. */
const NAVIGATION_MIN_LINES = 3;

/** Date header lines that scrapers emit: "date 2026-02-02 403", "Updated: February 28, 2025 21:14", "Published on 3 March 2024". */
const DATE_LINE = /^\W*(?:date|dated|updated|published|posted|last updated|first published|modified)(?:\s+on)?\s*:?\s*(.{6,60}?)\s*(?:\b[1-5]\d\d\b)?\s*$/i;
const DATE_LIKE = /\b(\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}|(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4})/i;

/** "By Jane Doe", "By Jane Doe and John Roe | Reuters | March 3, 2024". */
const BYLINE = /^\W*[Bb][Yy]:?\s+\p{Lu}[\p{L}.'’-]+(\s+[\p{L}.'’-]+){0,3}((\s*(,|and|&)\s*)[A-Z\p{Lu}][\p{L}.'’-]+(\s+[\p{L}.'’-]+){0,3})*(\s*[|,·•–-]\s*.{0,60})?$/u;
const BYLINE_MAX_CHARS = 140;

/** A line that is only a date, as printed under a headline: "March 11, 2025", "Tue 11 Mar 2025 14:02 GMT". */
const BARE_DATE_LINE = new RegExp(
  `^\\W*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s+)?${DATE_LIKE.source}(?:,?\\s+(?:at\\s+)?\\d{1,2}[:.]\\d{2}(?::\\d{2})?(?:\\s*[ap]\\.?m\\.?)?)?(?:\\s*\\(?(?:GMT|UTC|[A-Z]{2,4})(?:[+-]\\d{1,2})?\\)?)?(?:\\s*[|·•]\\s*[\\p{L} &]{1,30})?\\W*$`,
  'iu',
);
/** A date line that also names the author: "March 3, 2025 by Ruth Ellison", "Posted on 3 March 2025 by Tom". */
const DATED_BYLINE = new RegExp(
  `^\\W*(?:(?:posted|published)(?:\\s+on)?\\s+)?(${DATE_LIKE.source}(?:,?\\s+(?:at\\s+)?\\d{1,2}[:.]\\d{2}(?:\\s*[ap]\\.?m\\.?)?)?)\\s+(by\\s+\\p{Lu}[\\p{L}.'’ -]{1,60})$`,
  'iu',
);
/** Headings of related-story lists, whose following headline lines are links. */
const RELATED_LINKS_HEADING = /^\W*(read more|related( (articles|stories|news|coverage|content|topics))?|more on this( story)?|also read|see also|you may also like|recommended( for you)?|more (stories|news)|explore more on these topics|topics|tags|keywords|filed under|keep reading)\W*$/i;
/** Screen-reader text around a list of links: "list of 4 items", "list 1 of 4", "end of list". */
const LINK_LIST_START = /^\W*list of \d+ items\W*$/i;
const LINK_LIST_END = /^\W*end of list\W*$/i;
/** "Source: Xinhua", "Source: Al Jazeera and news agencies": who supplied the story. */
const SOURCE_LINE = /^\W*(?:[Ss]ource|SOURCE)\s*:\s*(\p{Lu}[^.!?]{1,60})$/u;
/** "Editor: Wang Li", "Edited by Jane Doe": desk credits printed with the story. */
const EDITOR_LINE = /^\W*(?:[Ee]ditor|[Ee]dited by|[Ee]ditor in charge|[Ww]eb editor)\s*:?\s+\p{Lu}[\p{L}.'’ -]{1,40}$/u;
/** A reporter's name on its own line, with the role on the next: "Helen Marsh" / "Transport correspondent". */
const PERSON_NAME_LINE = /^\p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’.-]+){1,2}$/u;
const STAFF_ROLE_LINE = /^(?:[\p{L}'’&-]+\s+){0,4}(?:correspondent|editor|reporter|journalist|writer|columnist|analyst|producer|contributor)(?:[\s,]+[\p{L}'’&-]+){0,4}$/iu;
const STAFF_ROLE_MAX_CHARS = 60;
/** Wire end-of-story markers: "... series. Enditem", a line "(END)". */
const END_MARKER_SUFFIX = /\s+Enditem\s*$/i;
const END_MARKER_LINE = /^\W*(enditem|end|ends)\W*$/i;
/** A path of site sections: "Home / India News / ...", "NATIONAL / CRIME & LEGAL", "News|Elections". */
const HOME_BREADCRUMB = /^\W*home\s*(?:[/|>›»]\s*[^/|>›»]+){1,6}$/i;
const SECTION_PATH = /^[\p{L}&'’-]+(?: [\p{L}&'’-]+){0,2}(?:\s*[/|>›»]\s*[\p{L}&'’-]+(?: [\p{L}&'’-]+){0,2}){1,5}$/u;
const BREADCRUMB_MAX_CHARS = 250;
/** A line that is only a site address ("www.example.com"), as bot checks and print views show it. */
const SITE_ADDRESS = /^(?:https?:\/\/)?(?:www\.)?[\w-]+(?:\.[\w-]+)+\/?$/i;
/** Section names are short ("India News", "Crime & Legal"); the same limit as in SECTION_PATH. */
const SECTION_NAME_MAX_WORDS = 3;
const SECTION_PATH_MAX_CHARS = 80;
/** One-word section names printed above a headline (English page chrome, not outlet names). */
const SECTION_LABEL = /^\W*(news|world|business|politics|sports?|opinion|technology|tech|science|health|culture|arts|entertainment|lifestyle|travel|economy|markets|money|national|local|international|environment|climate|education|crime|weather|video|analysis|features?|editorial|asia|europe|africa|americas|middle east|uk|us)\W*$/i;
/** WordPress comment heading, which repeats the post title: "4 thoughts on “Why I stopped digging”". */
const TITLED_COMMENT_HEADING = /^\W*(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten) (?:thoughts?|responses?|comments?|replies) (?:on|to) [“"‘'](.+)[”"’']\W*$/i;
/** "Tom Hardy says:" opens a comment in the WordPress layout (author, date, text, "Reply"). */
const COMMENT_SAYS = /^(.{1,40}?)\s+says:?$/;
const COMMENT_REPLY = /^\W*(reply|log in to reply|reply ↓)\W*$/i;
const RELATED_HEADLINE_MAX_CHARS = 140;
/** Wire-story production credits: "(Reporting by Jane Doe; Editing by John Roe)", "AP writer Jane Doe contributed to this report." */
const PRODUCTION_CREDIT = /^\(?\s*(reporting|additional reporting|writing|editing|compiled) by\b.{0,300}\)?$|^.{0,160}\bcontributed (reporting )?to this (report|story|article)\.?$/i;
/** Lines of only rules and symbols ("___", "* * *") separate the article from its credits. */
const SEPARATOR = /^[\s_*=~#•·-]{3,}$/;
/** A header byline without "By": "Jane Otieno in Nairobi", "Jane Otieno and Tom Reed in Lima". */
const HEADER_BYLINE = /^\p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’-]+){1,2}(?:(?:,| and) \p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’-]+){1,2})* in \p{Lu}[\p{L} '’-]{1,30}$/u;
/** A dateline-led header line after the title with this many words is the article's first paragraph. */
const LEAD_MIN_WORDS = 8;
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

function isCommentAuthor(author: string): boolean {
  return author.split(/\s+/).length <= COMMENT_AUTHOR_MAX_WORDS && author.length <= 40;
}

/** Reads WordPress-style comments: "Name says:", a date line, the text, "Reply". */
function readSaysComments(lines: string[]): { comments: ReaderComment[]; rest: string[] } {
  const comments: ReaderComment[] = [];
  let index = 0;
  while (index < lines.length) {
    const says = COMMENT_SAYS.exec(lines[index]);
    if (!says || !isCommentAuthor(says[1])) break;
    let next = index + 1;
    while (next < lines.length && (BARE_DATE_LINE.test(lines[next]) || DATE_LINE.test(lines[next]))) next++;
    const text: string[] = [];
    while (next < lines.length && !COMMENT_REPLY.test(lines[next]) && !COMMENT_SAYS.test(lines[next])) text.push(lines[next++]);
    if (text.length === 0 || next >= lines.length) break;
    if (COMMENT_REPLY.test(lines[next])) next++;
    comments.push({ author: says[1], text: text.join(' ') });
    index = next;
  }
  return { comments, rest: lines.slice(index) };
}

/** Reads "author / text" pairs after a comment-section heading. */
function readComments(lines: string[]): { comments: ReaderComment[]; rest: string[] } {
  const says = readSaysComments(lines);
  if (says.comments.length > 0) return says;
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
  const sourceNames: string[] = [];
  const sectionNames = new Set<string>();
  let comments: ReaderComment[] = [];
  let errorPage = false;
  let titleHint: string | null = null;

  // Pass 1: drop debris line by line, pull out captions, stop at a comment section.
  const kept: string[] = [];
  let skipDisclaimerBody = false;
  for (let i = 0; i < input.length; i++) {
    let line = input[i];
    if (skipDisclaimerBody) {
      skipDisclaimerBody = false;
      if (line.length > 40) {
        removed.push({ text: line, reason: 'legal disclaimer' });
        continue;
      }
    }
    const titledHeading = TITLED_COMMENT_HEADING.exec(line);
    const heading = COMMENT_SECTION_HEADING.test(line) || titledHeading !== null;
    // Without a heading, a "Name says:" line over a date line still opens the comments.
    const saysOpening = COMMENT_SAYS.test(line) && i + 1 < input.length && (BARE_DATE_LINE.test(input[i + 1]) || DATE_LINE.test(input[i + 1]));
    if ((heading && i + 2 < input.length) || saysOpening) {
      const { comments: found, rest } = readComments(input.slice(heading ? i + 1 : i));
      if (found.length > 0) {
        if (heading) removed.push({ text: line, reason: 'comment section heading' });
        if (titledHeading) titleHint = titledHeading[1];
        comments = comments.concat(found);
        for (const leftover of rest) removed.push({ text: leftover, reason: 'after the comment section' });
        break;
      }
    }
    if (fromText && LINK_LIST_START.test(line)) {
      const end = input.slice(i + 1, i + 1 + LINK_LIST_MAX_LINES).findIndex((next) => LINK_LIST_END.test(next));
      if (end !== -1) {
        for (const link of input.slice(i, i + end + 2)) removed.push({ text: link, reason: 'related links list' });
        i += end + 1;
        continue;
      }
    }
    if (END_MARKER_LINE.test(line)) {
      removed.push({ text: line, reason: 'end-of-story marker' });
      continue;
    }
    if (END_MARKER_SUFFIX.test(line)) {
      removed.push({ text: line.slice(line.search(END_MARKER_SUFFIX)).trim(), reason: 'end-of-story marker' });
      line = line.replace(END_MARKER_SUFFIX, '');
    }
    const datedByline = DATED_BYLINE.exec(line);
    if (datedByline) {
      dateLines.push(datedByline[1]);
      bylines.push(datedByline[datedByline.length - 1]);
      removed.push({ text: line, reason: 'date and byline (kept as metadata)' });
      continue;
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
    if (
      fromText &&
      PERSON_NAME_LINE.test(line) &&
      i + 1 < input.length &&
      input[i + 1].length <= STAFF_ROLE_MAX_CHARS &&
      STAFF_ROLE_LINE.test(input[i + 1])
    ) {
      bylines.push(line);
      removed.push({ text: line, reason: 'byline (kept as metadata)' }, { text: input[++i], reason: 'byline role' });
      continue;
    }
    const source = SOURCE_LINE.exec(line);
    if (source) {
      const name = source[1].replace(/\s*(?:,|and|with|\+)\s*(?:news )?agenc(?:y|ies)\s*$/i, '').trim();
      if (AGENCY_CREDIT_LINE.test(name)) creditedAgencies.push(...splitAgencies(name));
      else sourceNames.push(name);
      removed.push({ text: line, reason: 'source credit' });
      continue;
    }
    if (EDITOR_LINE.test(line)) {
      removed.push({ text: line, reason: 'editor credit' });
      continue;
    }
    if (fromText && SITE_ADDRESS.test(line)) {
      removed.push({ text: line, reason: 'site address' });
      continue;
    }
    if (fromText && ((line.length <= BREADCRUMB_MAX_CHARS && HOME_BREADCRUMB.test(line)) || (line.length <= SECTION_PATH_MAX_CHARS && SECTION_PATH.test(line)))) {
      // The segments name site sections; the same words alone above the headline are section labels.
      for (const segment of line.split(/\s*[/|>›»]\s*/)) {
        // The last step of a long breadcrumb is often the headline itself, which is no section name.
        if (segment.split(/\s+/).length <= SECTION_NAME_MAX_WORDS) sectionNames.add(segment.toLowerCase());
      }
      removed.push({ text: line, reason: 'breadcrumb' });
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
      while (
        i + 1 < input.length &&
        input[i + 1].length <= RELATED_HEADLINE_MAX_CHARS &&
        !TERMINAL.test(input[i + 1]) &&
        !LINK_LIST_START.test(input[i + 1])
      ) {
        removed.push({ text: input[++i], reason: 'related link' });
      }
      continue;
    }
    const rule = matchRule(line, BOILERPLATE_RULES);
    const agencyOnly = AGENCY_CREDIT_LINE.test(line);
    // A bare credit ("Getty Images", "Reuters") is printed over the photo, so its caption follows it.
    const bracketedCredit = /^[[(].*[\])]$/.test(line);
    const bareCredit = !bracketedCredit && (agencyOnly || (rule !== null && rule.reason === 'photo credit' && !/^\W*(photo|picture|image|pic)/i.test(line)));
    if (fromText && bareCredit && i + 1 < input.length && isCaptionBelowCredit(input[i + 1])) {
      captions.push(`${input[++i]} ${line}`);
      removed.push({ text: line, reason: 'photo credit (kept with its caption)' });
      continue;
    }
    if (rule) {
      // "[Photo/Xinhua]" alone credits a picture without a caption: the line above is text.
      if (fromText && rule.reason === 'photo credit' && !bracketedCredit && kept.length > 0 && isCaptionCandidate(kept[kept.length - 1])) {
        // A credit line closes the caption above it: keep the two together, aside.
        captions.push(`${kept.pop()} ${line}`);
        removed.push({ text: line, reason: 'photo credit (kept with its caption)' });
        continue;
      }
      removed.push({ text: line, reason: rule.reason });
      continue;
    }
    if (fromText && agencyOnly) {
      // "Kyodo" alone under a headline credits the agency that wrote the story.
      creditedAgencies.push(...splitAgencies(line));
      removed.push({ text: line, reason: 'agency credit line' });
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
    // Compared without a leading dateline or credit ("(MENAFN) ..."): a syndicated copy repeats its lead without it.
    const key = normaliseForRepeat(paragraph.slice(readDateline(paragraph)?.length ?? 0));
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
      creditedAgencies.push(...splitAgencies(credit[1]));
    } else if (credit && credit.index === 0) {
      unique.pop();
      removed.push({ text: last, reason: 'agency credit line' });
      creditedAgencies.push(...splitAgencies(last));
    }
  }

  // Pass 4: the header is the run of short lines before the first body-length paragraph.
  const firstBody = unique.findIndex((paragraph) => paragraph.length >= BODY_PARAGRAPH_MIN_CHARS);
  const headerEnd = !fromText ? 0 : firstBody === -1 ? Math.min(1, unique.length) : firstBody;
  const labels = sectionLabels(unique.slice(0, headerEnd), sectionNames);
  for (const label of labels) removed.push({ text: label, reason: 'section label or navigation' });
  const headerLines = unique.slice(0, headerEnd).filter((line) => !labels.has(line));
  const title = pickTitle(headerLines, titleHint);
  const titleIndex = title === null ? -1 : headerLines.indexOf(title);
  // A short first paragraph that opens with a dateline (a one-sentence wire lead) is body text, not a standfirst.
  const leadIndex = titleIndex === -1 ? -1 : headerLines.findIndex((line, index) => index > titleIndex && isLeadSentence(line));
  const header = leadIndex === -1 ? headerLines : headerLines.slice(0, leadIndex);
  const paragraphs = [...(leadIndex === -1 ? [] : headerLines.slice(leadIndex)), ...unique.slice(headerEnd)];
  header.forEach((line, index) => {
    if (index === titleIndex) return;
    if (index > titleIndex && HEADER_BYLINE.test(line)) {
      bylines.push(line);
      removed.push({ text: line, reason: 'byline (kept as metadata)' });
    } else {
      removed.push({ text: line, reason: index < titleIndex ? 'site header' : 'standfirst or label under the headline' });
    }
  });

  return { header, title, paragraphs, captions, comments, removed, dateLines, creditedAgencies, bylines, errorPage, sourceNames };
}

/** A complete sentence that opens with a dateline: the first paragraph of a wire story, however short. */
function isLeadSentence(line: string): boolean {
  return line.split(/\s+/).length >= LEAD_MIN_WORDS && /[.!?]["”’)]?$/.test(line) && readDateline(line) !== null;
}

function splitAgencies(credit: string): string[] {
  return credit.split(/\s*(?:,|\/|-|\band\b|&)\s*/).filter(Boolean).map((name) => canonicalAgency(name.trim()));
}

/**
 * Header lines that name site sections rather than the outlet: one-word section names, words
 * seen in a breadcrumb, and runs of one- or two-word menu lines.
 */
function sectionLabels(header: string[], sectionNames: Set<string>): Set<string> {
  const labels = new Set<string>();
  const menuLine = (line: string): boolean => line.split(/\s+/).length <= 2 && !TERMINAL.test(line);
  for (let start = 0; start < header.length; ) {
    let end = start;
    while (end < header.length && menuLine(header[end])) end++;
    if (end - start >= NAVIGATION_MIN_LINES) header.slice(start, end).forEach((line) => labels.add(line));
    start = Math.max(end, start + 1);
  }
  for (const line of header) {
    if (SECTION_LABEL.test(line) || sectionNames.has(line.toLowerCase())) labels.add(line);
  }
  return labels;
}

/** The line under a bare photo credit is its caption when it is a short, unpunctuated description. */
function isCaptionBelowCredit(line: string): boolean {
  return (
    line.length < BODY_PARAGRAPH_MIN_CHARS &&
    line.split(/\s+/).length >= CAPTION_MIN_WORDS &&
    !TERMINAL.test(line) &&
    isCaptionCandidate(line) &&
    !BARE_DATE_LINE.test(line) &&
    !DATE_LINE.test(line) &&
    !BYLINE.test(line) &&
    matchRule(line, BOILERPLATE_RULES) === null
  );
}

/** Caption-like lines are one short sentence describing a picture, not a quotation. */
function isCaptionCandidate(line: string): boolean {
  return line.length <= CAPTION_MAX_CHARS && !/["”]\s*$/.test(line) && !/[.!?]\s+\p{Lu}/u.test(line);
}

/**
 * The title is the first headline-length line of the header: site names above it are
 * shorter, and a standfirst below it comes second. A header of short lines keeps its longest.
 */
function pickTitle(header: string[], hint: string | null): string | null {
  // A comment heading that quotes the title ("4 thoughts on “...”") settles it.
  if (hint !== null && header.includes(hint)) return hint;
  const fits = header.filter((line) => line.length <= TITLE_MAX_CHARS);
  const headline = fits.find((line) => line.split(/\s+/).length >= HEADLINE_MIN_WORDS && !HEADER_BYLINE.test(line));
  if (headline) return headline;
  // "Jane Otieno in Nairobi" and "Talks in Beijing" look alike: a byline-shaped line is the title only when nothing else is.
  const others = fits.filter((line) => !HEADER_BYLINE.test(line));
  const pool = others.length > 0 ? others : fits;
  if (pool.length === 0) return null;
  return pool.reduce((best, line) => (line.length > best.length ? line : best));
}
