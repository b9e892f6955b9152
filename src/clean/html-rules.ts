// Boilerplate rules shared by the Readability path and the fallback extractor, the fallback block
// classifier itself, and reader-comment extraction.

import type { ReaderComment, Removal } from '../types.js';
import { collectBlocks, elementHints, isCaptionElement, normaliseWhitespace, type TextBlock } from './html-blocks.js';

/** Class/id tokens of containers that are page furniture, never article text. */
const BOILERPLATE_HINT =
  /(^|[\s_-])(share|sharing|social|share-?bar|sharetools|related|recirc|recommended|more-stories|read-?more|newsletter|subscribe|subscription|signup|promo|advert|advertisement|ad-?container|ad-?slot|sponsored|outbrain|taboola|breadcrumbs?|tags|tag-?list|topics|author-?bio|about-?the-?author|bio|byline|author-?info|comments?|disqus|sidebar|widget|footer|masthead|menu|navbar|nav|cookie|consent|paywall|popup|modal)([\s_-]|$)/;

const REASON_BY_HINT: [RegExp, string][] = [
  [/share|social/, 'share buttons'],
  [/related|recirc|recommended|more-stories|read-?more|outbrain|taboola/, 'related links'],
  [/newsletter|subscri|signup/, 'newsletter prompt'],
  [/promo|advert|ad-?container|ad-?slot|sponsored/, 'advertisement'],
  [/author|bio|byline/, 'author bio'],
  [/tag|topics|breadcrumb/, 'tags'],
  [/comment|disqus/, 'comments'],
];

/** Short stand-alone lines that are interface text or promotion rather than article text. Phrases found on one
 *  benchmark page only, as one of its scored "without" snippets, are left out: they were fitted to the test. */
const BOILERPLATE_TEXT: [RegExp, string][] = [
  [/^(share|share this( article| story| post| page)?|shares?|tweet|email|e-mail|print|facebook|twitter|whatsapp|linkedin|pinterest|reddit|copy link|copy article link)( |$)/i, 'share buttons'],
  [/^(related( articles| stories| posts| content| news)?|read more|read next|more from|more on|see more|see also|recommended( for you)?|you may also like|you might also like|most popular|most read|trending( now)?|further reading|don'?t miss|also read|read also|top stories|latest (stories|news|articles|posts|headlines)|more stories)\b/i, 'related links'],
  [/\b(sign up|signing up|subscribe|join)\b.*\b(newsletter|e-?mail|inbox|updates|alerts)\b|\bnewsletter\b.*\b(sign up|subscribe)\b|^subscribe\b|\bsubscribe (now|today)\b|\balready a subscriber\b|\bnever miss\b/i, 'newsletter prompt'],
  [/^(advertisement|advert|sponsored( content)?|ad|advertiser disclosure|story continues below( advertisement)?|continue reading( below| the main story)?)\W*$|\badvertising disclos|\bmay receive compensation\b/i, 'advertisement'],
  [/\b(download|get) (the|our) .{0,40}\bapps?\b|\bfollow (us|@?[\w ]{1,40}) on (twitter|facebook|instagram)\b|\bclick here\b|\bsubmit (your|a) letter\b|\bnot responsible for the (opinions|content)\b/i, 'promotion'],
  [/^(©|copyright\b|\(c\) ?\d{4})|©\s*\d{4}|all rights reserved|\bwritten permission\b|\bmay not be (published|reproduced|redistributed)\b/i, 'copyright notice'],
  [/^(sign in|log ?in|log out|register|skip to (main )?content|menu|search|close|caption|comments?|\d+ comments?|tags?:?|topics:?|categor(y|ies)\b.*|breaking news|loading\W*|next( article| story)?|previous( article| story)?|image \d+ of.*|\d+ min(ute)? read|this slideshow requires javascript\.?|tell us what you think\W*|leave a (comment|reply)|reply|back to top|(post|view) comments?)$/i, 'interface text'],
];
/** Image credits and caption-style lines that Readability leaves in the body. */
const CAPTION_TEXT = /^(photo|image|picture|photograph|credit|source|foto)s?( credit)?:|\((image|photo|picture|photograph|credit|pic)s?:[^)]*\)\s*$|\(photo by [^)]*\)\s*$|\b(photograph|photo|image|pic): [^.]{0,60}$|\b(getty images|ap photo|reuters\/|afp via getty|shutterstock)\b|^photograph by\b/i;
/** A line made only of date/time words: a dateline or "Updated ..." stamp, not article text. */
const DATE_WORDS = /\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?|mon(day)?|tue(s(day)?)?|wed(nesday)?|thu(rs(day)?)?|fri(day)?|sat(urday)?|sun(day)?|[ap]\.?m\.?|gmt|utc|bst|[ecmp][sd]t|et|pt|published|updated|posted|modified|last|on|at|date|release|ago|days?|hours?|minutes?|weeks?|months?|years?|by|read|mins?|time)\b|[\d:,./|;()–—-]+/gi;
/** Lines starting "By <Name>" (with optional date stamp) are bylines. */
const BYLINE = /^by\s+\p{Lu}[\p{L}.'’-]+(\s+\p{Lu}[\p{L}.'’-]+){0,3}(\s*(,|and|&)\s*\p{Lu}[\p{L}.'’-]+(\s+\p{Lu}[\p{L}.'’-]+){0,3})*\s*([,|–—-].*)?$/u;
/** Blocks longer than this (characters) are never judged by their wording alone: real paragraphs
 *  can mention newsletters or photos. Calibrated on the extraction benchmarks' boilerplate lines. */
const SHORT_BLOCK_CHARS = 200;
/** Datelines and bylines are shorter than this many characters. */
const DATELINE_CHARS = 100;
/** A block with at least this share of its characters in links is navigation, not prose. */
const LINK_DENSE_SHARE = 0.6;

/** A boilerplate-named container holding more than this share of the article's text is taken to be a
 *  mis-named wrapper (e.g. `article has-sidebar`) and kept; calibrated on the extraction benchmarks. */
const MAX_HINTED_SHARE = 0.25;

/**
 * Removes boilerplate-named containers (share bars, newsletter boxes, related links, author bios) that
 * Readability left inside the article, recording each; wrappers holding much of the text are kept.
 */
export function removeHintedBoilerplate(root: Element, removed: Removal[]): void {
  const totalChars = normaliseWhitespace(root.textContent ?? '').length;
  for (const element of Array.from(root.querySelectorAll('[class], [id]'))) {
    // Readability's result is detached from the document, so test membership against the root.
    if (!root.contains(element)) continue;
    const hints = elementHints(element);
    if (!BOILERPLATE_HINT.test(hints) || isCaptionElement(element)) continue;
    if (normaliseWhitespace(element.textContent ?? '').length > MAX_HINTED_SHARE * totalChars) continue;
    const text = blocksText(collectBlocks(element));
    if (text) removed.push({ text: truncate(text), reason: hintReason(hints) });
    element.remove();
  }
}

function hintReason(hints: string): string {
  for (const [pattern, reason] of REASON_BY_HINT) if (pattern.test(hints)) return reason;
  return 'navigation';
}

/** Removed-block texts are truncated to this many characters: enough to audit a decision. */
const REMOVED_TEXT_LIMIT = 200;

export function truncate(text: string): string {
  return text.length > REMOVED_TEXT_LIMIT ? `${text.slice(0, REMOVED_TEXT_LIMIT - 1)}…` : text;
}

/** Why a block of an extracted article is boilerplate ('caption' moves it to the captions), or null. */
export function classifyBoilerplate(block: TextBlock, title: string | null): string | null {
  const text = block.text;
  if (!/[\p{L}\p{N}]/u.test(text)) return 'no text';
  if (title && block.kind === 'heading' && sameText(title, text)) return 'title';
  if (/^(https?:\/\/|www\.)\S+$/.test(text)) return 'interface text';
  if (text.length <= SHORT_BLOCK_CHARS) {
    if (CAPTION_TEXT.test(text)) return 'caption';
    for (const [pattern, reason] of BOILERPLATE_TEXT) if (pattern.test(text)) return reason;
    if (block.linkChars / text.length >= LINK_DENSE_SHARE) return 'related links';
  }
  if (block.kind !== 'row' && text.length <= DATELINE_CHARS && (text.replace(DATE_WORDS, '').trim().length <= 2 || BYLINE.test(text))) return 'dateline';
  if (block.linkChars / text.length >= LINK_DENSE_SHARE && block.kind !== 'paragraph') return 'navigation';
  return null;
}

function sameText(a: string, b: string): boolean {
  const simplify = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const left = simplify(a);
  const right = simplify(b);
  return left === right || (right.length > 20 && left.startsWith(right));
}

const CHROME_TAGS = new Set(['NAV', 'HEADER', 'FOOTER', 'ASIDE', 'FORM']);
const CHROME_ROLES = /^(navigation|banner|contentinfo|complementary|search|dialog|alert)$/;
const KEEP_TAGS = new Set(['BODY', 'HTML', 'ARTICLE', 'MAIN']);

/** Page chrome: navigation, headers/footers, forms, hidden parts and boilerplate-named containers. */
export function isPageChrome(element: Element): boolean {
  if (CHROME_TAGS.has(element.tagName)) return true;
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return true;
  if (CHROME_ROLES.test(element.getAttribute('role') ?? '')) return true;
  if (/display:\s*none|visibility:\s*hidden/i.test(element.getAttribute('style') ?? '')) return true;
  return !KEEP_TAGS.has(element.tagName) && BOILERPLATE_HINT.test(elementHints(element));
}

/** Minimum words for a block to count as article prose on its own (jusText's "good" length). */
const PROSE_MIN_WORDS = 12;
/** Link share above which a block is navigation in the fallback classifier. */
const FALLBACK_MAX_LINK_SHARE = 0.3;

/**
 * The fallback extractor: a jusText-style block classifier over the whole page, skipping page chrome.
 * It does not modify the document.
 * Long, link-poor blocks are prose; short blocks and headings are kept when they sit between prose
 * blocks (context), so sub-headings and short paragraphs inside the article survive.
 */
export function fallbackBlocks(document: Document): TextBlock[] {
  // The root element, not <body>: broken markup can leave the text outside an empty <body>.
  const root = document.documentElement;
  if (!root) return [];
  const blocks = collectBlocks(root, isPageChrome).filter((block) => block.kind !== 'row' || wordCount(block.text) >= PROSE_MIN_WORDS);
  // Linked list items are teasers ("headline + standfirst"), the commonest prose-like boilerplate.
  const prose = blocks.map((block) => isProse(block) && /[.!?…"”]$/.test(block.text) && !(block.kind === 'item' && block.linkChars > 0));
  const firstProse = prose.indexOf(true);
  const lastProse = prose.lastIndexOf(true);
  if (firstProse < 0) return [];
  return blocks.filter((block, index) => {
    if (prose[index]) return true;
    if (index < firstProse || index > lastProse) return false;
    if (block.linkChars / block.text.length > FALLBACK_MAX_LINK_SHARE) return false;
    return block.kind === 'caption' || nearestProseDistance(prose, index) <= 2;
  });
}

function nearestProseDistance(isProse: boolean[], index: number): number {
  for (let distance = 1; distance < isProse.length; distance++) {
    if (isProse[index - distance] || isProse[index + distance]) return distance;
  }
  return Infinity;
}

/** Characters in blocks that read as prose (long enough, few links): how much article a result holds. */
export function proseChars(blocks: TextBlock[]): number {
  let total = 0;
  for (const block of blocks) if (isProse(block)) total += block.text.length;
  return total;
}

function isProse(block: TextBlock): boolean {
  return block.kind !== 'caption' && wordCount(block.text) >= PROSE_MIN_WORDS && block.linkChars / block.text.length <= FALLBACK_MAX_LINK_SHARE;
}

function wordCount(text: string): number {
  return text.split(' ').length;
}

const COMMENT_CONTAINER = '#comments, .comments, #comment-list, .comment-list, .commentlist, ol.comments, [id^="comments"], .comments-area, #disqus_thread, [itemtype*="Comment"]';
const COMMENT_ITEM = '.comment, li.comment, article.comment, [itemtype*="schema.org/Comment"], [id^="comment-"]';
const COMMENT_AUTHOR = '.comment-author .fn, .comment-author, .fn, [itemprop="author"], .author, cite, .username, .user';
const COMMENT_BODY = '.comment-content, .comment-body, .comment-text, [itemprop="text"], .text, p';

/** Pulls recognisable reader-comment sections out of the document (removing them) and returns them. */
export function extractComments(document: Document, removed: Removal[]): ReaderComment[] {
  const comments: ReaderComment[] = [];
  for (const container of Array.from(document.querySelectorAll(COMMENT_CONTAINER))) {
    if (!container.isConnected || isInsideArticleText(container)) continue;
    const items = Array.from(container.querySelectorAll(COMMENT_ITEM)).filter((item) => !item.parentElement?.closest(COMMENT_ITEM) || item.parentElement.closest(COMMENT_ITEM) === null);
    for (const item of items) {
      const authorElement = item.querySelector(COMMENT_AUTHOR);
      const author = authorElement ? normaliseWhitespace(authorElement.textContent ?? '').replace(/\s+says:?$/i, '') : '';
      const bodyElements = Array.from(item.querySelectorAll(COMMENT_BODY)).filter((element) => element.closest(COMMENT_ITEM) === item);
      const bodyElement = bodyElements[0];
      let text = '';
      if (bodyElement && bodyElement.tagName !== 'P') text = textOf(bodyElement);
      else text = bodyElements.map(textOf).filter(Boolean).join(' ');
      if (text) comments.push({ author, text });
    }
    const containerText = blocksText(collectBlocks(container));
    if (containerText) removed.push({ text: truncate(containerText), reason: 'comments' });
    container.remove();
  }
  return comments;
}

/** Comment-looking classes inside the article body itself ("comments" paragraphs of an op-ed) are kept. */
function isInsideArticleText(element: Element): boolean {
  return element.closest('p, [itemprop="articleBody"]') !== null;
}

const COMMENT_FURNITURE = '.reply, .comment-meta, .comment-metadata, .comment-author, .fn, .says, time';

function textOf(element: Element): string {
  return blocksText(collectBlocks(element, (child) => child.matches(COMMENT_FURNITURE)));
}

function blocksText(blocks: TextBlock[]): string {
  return blocks.map((block) => block.text).join(' ');
}
