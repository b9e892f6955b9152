// Main-text extraction from news HTML: a cascade of Mozilla Readability and a block classifier of
// our own (used when Readability under-delivers), followed by boilerplate rules for what Readability
// keeps (share bars, related links, newsletter prompts, author bios, captions and credits).

import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import { readHtmlMeta, type HtmlMeta } from '../metadata/html-meta.js';
import { collectBlocks, NON_TEXT_TAGS, normaliseWhitespace, type TextBlock } from './html-blocks.js';
import type { Removal } from '../types.js';
import { classifyBoilerplate, extractComments, fallbackBlocks, proseChars, removeHintedBoilerplate, truncate } from './html-rules.js';

export type { HtmlMeta } from '../metadata/html-meta.js';

export interface HtmlExtraction {
  title: string | null;
  /** Main text only, one entry per paragraph/heading/list item, whitespace-normalised. */
  paragraphs: string[];
  /** Figure/photo captions with their credits, kept aside. */
  captions: string[];
  comments: { author: string; text: string }[];
  /** Notable blocks dropped, with a short reason. */
  removed: { text: string; reason: string }[];
  meta: HtmlMeta;
  /** What the extraction had to simplify to read the page (markup nested too deep). */
  warnings: string[];
}

/**
 * Deepest element nesting read as structure. Real pages nest a few dozen elements deep; Readability's scoring
 * takes time quadratic in the depth (2,000 nested divs: over a minute), and hostile pages nest thousands deep.
 * Below this depth the elements are unwrapped: their text is kept in order, as one block.
 */
export const MAX_NESTING_DEPTH = 200;

/**
 * Longest start tag read with its attributes. A tag with a million attributes (a hostile page) made the parser
 * peak above a gigabyte; no real tag comes near this length, a large inline image included.
 */
export const MAX_TAG_CHARS = 100_000;

/** Start tags longer than MAX_TAG_CHARS, read as the bare tag: their attributes carry no article text. */
function withoutHugeTags(html: string, warnings: string[]): string {
  const parts: string[] = [];
  let copied = 0;
  let dropped = 0;
  // A scan from each tag's "<" to its ">" (a regular expression with this long a repeat overflows V8's stack).
  for (let open = html.indexOf('<'); open >= 0 && open < html.length; open = html.indexOf('<', open + 1)) {
    const close = html.indexOf('>', open);
    if (close < 0) break;
    if (close - open <= MAX_TAG_CHARS) {
      open = close;
      continue;
    }
    const name = /^<([a-zA-Z][a-zA-Z0-9-]*)/.exec(html.slice(open, open + 64))?.[1];
    if (!name) continue;
    parts.push(html.slice(copied, open), `<${name}>`);
    copied = close + 1;
    dropped++;
    open = close;
  }
  if (dropped === 0) return html;
  parts.push(html.slice(copied));
  warnings.push(`${dropped} start tag${dropped === 1 ? '' : 's'} over ${MAX_TAG_CHARS.toLocaleString('en')} characters read without ${dropped === 1 ? 'its' : 'their'} attributes`);
  return parts.join('');
}

/** The text nodes and childless elements under `element`, in document order (an explicit stack: no recursion). */
function leavesOf(element: Element): ChildNode[] {
  const leaves: ChildNode[] = [];
  const stack: ChildNode[] = Array.from(element.childNodes).reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.nodeType === 1 && node.childNodes.length > 0 && !NON_TEXT_TAGS.has((node as Element).tagName.toUpperCase())) {
      for (let index = node.childNodes.length - 1; index >= 0; index--) stack.push(node.childNodes[index]);
    } else {
      leaves.push(node);
    }
  }
  return leaves;
}

/** Unwraps every element nested deeper than `maxDepth` under `root`; returns how deep the deepest one was. */
function flattenDeepNesting(root: Element, maxDepth: number): number {
  let deepest = 0;
  const stack: [Element, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [element, depth] = stack.pop()!;
    if (depth < maxDepth) {
      for (const child of Array.from(element.children)) stack.push([child, depth + 1]);
      continue;
    }
    const inner = Array.from(element.children);
    if (inner.length === 0) continue;
    // How deep the part being unwrapped went, for the warning.
    const below: [Element, number][] = inner.map((child) => [child, depth + 1]);
    while (below.length > 0) {
      const [next, level] = below.pop()!;
      deepest = Math.max(deepest, level);
      for (const child of Array.from(next.children)) below.push([child, level + 1]);
    }
    element.replaceChildren(...leavesOf(element));
  }
  return deepest;
}

/** Readability under-delivers when its prose is below this share of the prose the fallback finds
 *  (it picked a list, a table or a teaser instead of the article)... */
const MIN_PROSE_SHARE = 0.5;
/** ...and is short in absolute terms (characters): a full article beside long teaser lists is not a miss.
 *  Both calibrated on the two extraction benchmarks. */
const SHORT_PROSE_CHARS = 1000;

export function extractHtml(html: string, options: { url?: string } = {}): HtmlExtraction {
  const warnings: string[] = [];
  const { document } = parseHTML(withoutHugeTags(html, warnings));
  const deepest = document.documentElement ? flattenDeepNesting(document.documentElement, MAX_NESTING_DEPTH) : 0;
  if (deepest > 0) {
    warnings.push(`markup nested ${deepest} elements deep: elements below depth ${MAX_NESTING_DEPTH} were read as plain text`);
  }
  const meta = readHtmlMeta(document);
  if (!meta.url && options.url) meta.url = options.url;

  const removed: Removal[] = [];
  const comments = extractComments(document, removed);
  // The fallback reads the document before Readability, which rewrites it in place.
  const ownBlocks = fallbackBlocks(document);
  const readability = runReadability(document);
  const hintedRemovals: Removal[] = [];
  if (readability) removeHintedBoilerplate(readability.content, hintedRemovals);
  const readabilityBlocks = readability ? collectBlocks(readability.content) : [];
  const useFallback = readabilityUnderDelivers(readabilityBlocks, ownBlocks);
  const blocks = useFallback ? ownBlocks : readabilityBlocks;
  if (!useFallback) removed.push(...hintedRemovals);

  const title = meta.title ?? normaliseText(readability?.title);
  const paragraphs: string[] = [];
  const captions: string[] = [];
  for (const block of blocks) {
    const reason = block.kind === 'caption' ? 'caption' : classifyBoilerplate(block, title);
    if (reason === 'caption') {
      captions.push(block.text);
      continue;
    }
    if (reason) {
      removed.push({ text: truncate(block.text), reason });
      continue;
    }
    paragraphs.push(block.text);
  }

  return { title, paragraphs, captions, comments, removed, meta, warnings };
}

function runReadability(document: Document): { content: Element; title: string | null } | null {
  try {
    const result = new Readability<Element>(document, {
      keepClasses: true,
      disableJSONLD: true,
      serializer: (node) => node as Element,
    }).parse();
    if (!result?.content) return null;
    return { content: result.content, title: result.title ?? null };
  } catch {
    return null;
  }
}

function readabilityUnderDelivers(readabilityBlocks: TextBlock[], ownBlocks: TextBlock[]): boolean {
  const readabilityProse = proseChars(readabilityBlocks);
  return readabilityProse < SHORT_PROSE_CHARS && readabilityProse < MIN_PROSE_SHARE * proseChars(ownBlocks);
}

function normaliseText(value: string | null | undefined): string | null {
  const text = value ? normaliseWhitespace(value) : '';
  return text || null;
}

