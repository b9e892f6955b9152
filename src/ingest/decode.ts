// Bytes to text: tells binary data from text, then finds the character encoding
// (BOM, UTF-16 without BOM, the HTML charset declaration, strict UTF-8, legacy fallback).
import { TextDecoder as WhatwgTextDecoder } from '@exodus/bytes/encoding.js';
import sniffHtmlEncoding from 'html-encoding-sniffer';

export type Decoded =
  | { ok: true; text: string; encoding: string; kind: 'html' | 'text'; warnings: string[] }
  | { ok: false; reason: string };

/** File signatures of common binary formats, checked before any text heuristic. */
const BINARY_SIGNATURES: { name: string; bytes: number[] }[] = [
  { name: 'ZIP archive', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'gzip data', bytes: [0x1f, 0x8b] },
  { name: 'PDF document', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { name: 'PNG image', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { name: 'JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { name: 'GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: '7-Zip archive', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { name: 'RAR archive', bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07] },
  { name: 'bzip2 data', bytes: [0x42, 0x5a, 0x68] },
  { name: 'xz data', bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
  { name: 'ELF executable', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { name: 'SQLite database', bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65] },
  { name: 'WebAssembly module', bytes: [0x00, 0x61, 0x73, 0x6d] },
];

/** Share of control characters (other than tab, newline, carriage return, form feed) above which decoded text is binary. Text files have none; 1% leaves room for stray escapes. */
const MAX_CONTROL_CHAR_RATIO = 0.01;
/** Share of U+FFFD replacement characters above which the bytes were not text in the guessed encoding. */
const MAX_REPLACEMENT_RATIO = 0.02;

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return signature.length <= bytes.length && signature.every((b, i) => bytes[i] === b);
}

/** UTF-16 without a BOM shows as NUL in every other byte for Latin text. */
function guessBomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const sample = bytes.subarray(0, Math.min(bytes.length, 4096));
  if (sample.length < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0) evenZeros++;
    if (sample[i + 1] === 0) oddZeros++;
  }
  const pairs = Math.floor(sample.length / 2);
  if (oddZeros / pairs > 0.4 && evenZeros / pairs < 0.05) return 'utf-16le';
  if (evenZeros / pairs > 0.4 && oddZeros / pairs < 0.05) return 'utf-16be';
  return null;
}

export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 2048).trimStart().toLowerCase();
  return (
    head.startsWith('<!doctype html') ||
    head.startsWith('<html') ||
    /<(html|head|body|article|meta|title)[\s>]/.test(head) ||
    (head.startsWith('<') && /<\/(p|div|span|a)>/.test(text.slice(0, 20000).toLowerCase()))
  );
}

/** Node's own TextDecoder decodes windows-1252 as ISO-8859-1 (curly quotes become C1 controls); this one follows the Encoding Standard. */
function decodeWith(bytes: Uint8Array, encoding: string): string {
  return new WhatwgTextDecoder(encoding).decode(bytes);
}

/** What decoding as UTF-8 with replacement gives: how many invalid sequences were replaced, and how many
 *  characters beyond ASCII decoded validly. */
function utf8Reading(bytes: Uint8Array): { invalid: number; validNonAscii: number } {
  const text = new TextDecoder('utf-8').decode(bytes);
  let invalid = 0;
  let validNonAscii = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0xfffd) invalid++;
    else if (code >= 0x80 && !(code >= 0xdc00 && code <= 0xdfff)) validNonAscii++;
  }
  // A U+FFFD written in the file itself is valid UTF-8 (EF BF BD), not a replacement.
  const literal = countLiteralReplacementChars(bytes);
  return { invalid: invalid - literal, validNonAscii: validNonAscii + literal };
}

function countLiteralReplacementChars(bytes: Uint8Array): number {
  let count = 0;
  for (let i = 0; i + 2 < bytes.length; i++) if (bytes[i] === 0xef && bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) count++;
  return count;
}

/**
 * UTF-8 or the legacy default for bytes that declare nothing. Valid UTF-8 is UTF-8. Bytes whose characters beyond
 * ASCII are mostly valid UTF-8 are UTF-8 with a few bad bytes (a truncated copy, one stray byte): reading the whole
 * file as windows-1252 would turn every other non-ASCII character into mojibake, so they are replaced with U+FFFD
 * and reported. Bytes with no valid multi-byte character at all are windows-1252, the web's legacy default.
 */
function utf8OrLegacy(bytes: Uint8Array, warnings: string[]): 'utf-8' | 'windows-1252' {
  const { invalid, validNonAscii } = utf8Reading(bytes);
  if (invalid === 0) return 'utf-8';
  if (validNonAscii >= invalid) {
    warnings.push(`${invalid} invalid UTF-8 byte sequence${invalid === 1 ? '' : 's'} replaced with U+FFFD`);
    return 'utf-8';
  }
  return 'windows-1252';
}

function binaryReason(text: string): string | null {
  if (text.length === 0) return null;
  let control = 0;
  let replacement = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 9 && code !== 10 && code !== 13 && code !== 12) || code === 0x7f) control++;
    else if (code === 0xfffd) replacement++;
  }
  if (control / text.length > MAX_CONTROL_CHAR_RATIO) return 'not text: binary data (control characters)';
  if (replacement / text.length > MAX_REPLACEMENT_RATIO) return 'not text: bytes are not valid in any text encoding tried';
  return null;
}

/**
 * Decodes file bytes. `hint` is the file name's type when known ('html' for .html/.htm);
 * `transportEncoding` is the charset a server declared for them.
 * The HTML Standard's sniffing algorithm handles BOMs and `<meta charset>`; plain text is
 * read as UTF-8 unless no character beyond ASCII is valid UTF-8 (then windows-1252, the web's legacy default).
 */
export function decodeBytes(bytes: Uint8Array, hint?: 'html' | 'text', options: { transportEncoding?: string } = {}): Decoded {
  if (bytes.length === 0) return { ok: false, reason: 'empty file' };
  const bomless16 = bytes[0] === 0xff || bytes[0] === 0xfe ? null : guessBomlessUtf16(bytes);
  for (const signature of BINARY_SIGNATURES) {
    if (startsWith(bytes, signature.bytes) && !bomless16) return { ok: false, reason: `not text: ${signature.name}` };
  }

  let encoding: string;
  const warnings: string[] = [];
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) encoding = 'utf-8';
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';
  else if (bomless16) encoding = bomless16;
  else {
    const asciiHead = decodeWith(bytes.subarray(0, 2048), 'latin1');
    const html = hint === 'html' || looksLikeHtml(asciiHead);
    if (html) {
      // A charset from the HTTP Content-Type outranks the page's own declaration (HTML Standard).
      const declared = sniffHtmlEncoding(bytes, { defaultEncoding: 'UTF-8', transportLayerEncodingLabel: options.transportEncoding });
      // A page that declares nothing (or a wrong UTF-8) and is not UTF-8 is most often windows-1252.
      encoding = declared === 'UTF-8' ? utf8OrLegacy(bytes, warnings) : declared;
    } else {
      encoding = utf8OrLegacy(bytes, warnings);
    }
  }

  // TextDecoder drops the BOM itself for the encoding it was made for.
  const text = decodeWith(bytes, encoding);
  const binary = binaryReason(text);
  if (binary) return { ok: false, reason: binary };
  if (text.trim().length === 0) return { ok: false, reason: 'empty file (only whitespace)' };
  const kind = hint === 'html' || looksLikeHtml(text) ? 'html' : 'text';
  return { ok: true, text, encoding: encoding.toLowerCase(), kind, warnings };
}
