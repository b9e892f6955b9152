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

  const walk = (node: Node, context: Context): void => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        const value = child.nodeValue ?? '';
        if (value.trim() || pending) append(value, context.inLink, context);
        continue;
      }
      if (child.nodeType !== 1) continue;
      const element = child as Element;
      const tag = element.tagName.toUpperCase();
      if (NON_TEXT_TAGS.has(tag) || skip?.(element)) continue;
      if (tag === 'BR' || tag === 'HR') {
        flush();
        continue;
      }
      if (tag === 'TD' || tag === 'TH') {
        // A table row reads as one line: cells are separated, not split into blocks.
        if (pending) append(' ', false, context);
        walk(element, context);
        continue;
      }
      if (!BLOCK_TAGS.has(tag)) {
        walk(element, tag === 'A' ? { ...context, inLink: true } : context);
        continue;
      }
      flush();
      walk(element, {
        kind: isCaptionElement(element) ? 'caption' : context.kind === 'caption' ? 'caption' : blockKind(tag, context.kind),
        inLink: context.inLink,
      });
      flush();
    }
  };

  walk(root, { kind: 'paragraph', inLink: false });
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
