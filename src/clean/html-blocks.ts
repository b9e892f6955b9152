// Turns a DOM subtree into a flat list of text blocks (paragraphs, headings, list items, table rows,
// captions), keeping what later boilerplate rules need: the block kind and how much of it is link text.

export type BlockKind = 'paragraph' | 'heading' | 'item' | 'quote' | 'caption' | 'row';

export interface TextBlock {
  text: string;
  kind: BlockKind;
  /** Characters of the (normalised) text that sit inside <a> elements. */
  linkChars: number;
}

/** Elements whose content is never readable text (code, media, form controls). */
export const NON_TEXT_TAGS = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'OBJECT', 'EMBED', 'CANVAS', 'VIDEO', 'AUDIO',
  'BUTTON', 'SELECT', 'INPUT', 'TEXTAREA', 'OPTION', 'MATH', 'HEAD', 'LINK', 'META', 'PICTURE', 'SOURCE', 'MAP',
]);

const BLOCK_TAGS = new Set([
  'P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'FOOTER', 'ASIDE', 'NAV', 'FORM', 'FIELDSET',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'UL', 'OL', 'LI', 'DL', 'DT', 'DD', 'BLOCKQUOTE', 'PRE', 'ADDRESS',
  'TABLE', 'THEAD', 'TBODY', 'TFOOT', 'TR', 'CAPTION', 'FIGURE', 'FIGCAPTION', 'HR', 'BR',
  'CENTER', 'DETAILS', 'SUMMARY', 'HGROUP', 'BODY', 'HTML',
]);

const CAPTION_HINT = /(^|[\s_-])(caption|captions|figcaption|wp-caption-text|credit|credits|photo-credit|image-credit|img-credit)([\s_-]|$)/;

/** True for a caption element or an element whose class/id names it a caption or credit. */
export function isCaptionElement(element: Element): boolean {
  if (element.tagName === 'FIGCAPTION') return true;
  return CAPTION_HINT.test(elementHints(element));
}

export function elementHints(element: Element): string {
  return `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`.toLowerCase().trim();
}

export function normaliseWhitespace(text: string): string {
  return text.replace(/[\s\u00a0\u200b\u200c\u200d\ufeff]+/g, ' ').trim();
}

/** Nesting depth below which elements stop starting blocks of their own (real pages nest a few dozen deep). */
export const MAX_BLOCK_DEPTH = 256;

interface Pending {
  parts: string[];
  linkChars: number;
  kind: BlockKind;
}

/** Collects the text blocks under `root` in document order; caption text becomes `caption` blocks.
 *  Elements for which `skip` returns true are left out with their content. */
export function collectBlocks(root: Element, skip?: (element: Element) => boolean): TextBlock[] {
  const blocks: TextBlock[] = [];
  let pending: Pending | null = null;

  const flush = (): void => {
    if (!pending) return;
    const text = normaliseWhitespace(pending.parts.join(''));
    if (text) {
      blocks.push({ text, kind: pending.kind, linkChars: Math.min(pending.linkChars, text.length) });
    }
    pending = null;
  };

  const append = (text: string, inLink: boolean, context: Context): void => {
    pending ??= { parts: [], linkChars: 0, kind: context.kind };
    pending.parts.push(text);
    if (inLink) pending.linkChars += normaliseWhitespace(text).length;
  };

  interface Context { kind: BlockKind; inLink: boolean }
  /** An element being read: its next child to visit, and whether leaving it ends a block. */
  interface Frame { next: ChildNode | null; context: Context; endsBlock: boolean }

  // An explicit stack rather than recursion: pages nested thousands of elements deep (broken or hostile
  // markup) would overflow the call stack. Below MAX_BLOCK_DEPTH, elements no longer start blocks: their text
  // joins the block around them, so nothing is lost and the block list stays small.
  const stack: Frame[] = [{ next: root.firstChild, context: { kind: 'paragraph', inLink: false }, endsBlock: false }];
  const enter = (element: Element, context: Context, endsBlock: boolean): void => {
    stack.push({ next: element.firstChild, context, endsBlock });
  };
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    const child = frame.next;
    if (!child) {
      stack.pop();
      if (frame.endsBlock) flush();
      continue;
    }
    frame.next = child.nextSibling;
    const { context } = frame;
    if (child.nodeType === 3) {
      const value = child.nodeValue ?? '';
      if (value.trim() || pending) append(value, context.inLink, context);
      continue;
    }
    if (child.nodeType !== 1) continue;
    const element = child as Element;
    const tag = element.tagName.toUpperCase();
    if (NON_TEXT_TAGS.has(tag) || skip?.(element)) continue;
    const tooDeep = stack.length > MAX_BLOCK_DEPTH;
    if (tag === 'BR' || tag === 'HR') {
      if (!tooDeep) flush();
      continue;
    }
    if (tag === 'TD' || tag === 'TH') {
      // A table row reads as one line: cells are separated, not split into blocks.
      if (pending) append(' ', false, context);
      enter(element, context, false);
      continue;
    }
    if (!BLOCK_TAGS.has(tag) || tooDeep) {
      enter(element, tag === 'A' ? { ...context, inLink: true } : context, false);
      continue;
    }
    flush();
    enter(element, {
      kind: isCaptionElement(element) ? 'caption' : context.kind === 'caption' ? 'caption' : blockKind(tag, context.kind),
      inLink: context.inLink,
    }, true);
  }
  flush();
  return blocks;
}

function blockKind(tag: string, inherited: BlockKind): BlockKind {
  if (/^H[1-6]$/.test(tag)) return 'heading';
  if (tag === 'LI' || tag === 'DT' || tag === 'DD') return 'item';
  if (tag === 'BLOCKQUOTE') return 'quote';
  if (tag === 'TR') return 'row';
  if (tag === 'P') return inherited === 'quote' || inherited === 'item' ? inherited : 'paragraph';
  return inherited;
}
