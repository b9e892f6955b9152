// Tokenizer and sentence splitter for raw news text, written to reproduce the CoNLL-2003
// (Reuters) token conventions the tagger was trained on: hyphenated words stay whole,
// possessive/contracted clitics are split off ("Russia’s" -> "Russia" + "’s"),
// dotted abbreviations stay whole ("U.N."), every other punctuation mark is its own token.

export interface Token {
  start: number;
  end: number;
  text: string;
}

// Titles and other abbreviations whose final period belongs to the word.
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'col', 'lt', 'sgt', 'capt', 'cmdr', 'adm', 'maj', 'rep', 'sen',
  'gov', 'pres', 'rev', 'hon', 'st', 'jr', 'sr', 'inc', 'corp', 'ltd', 'co', 'bros', 'vs', 'etc',
  'jan', 'feb', 'apr', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'mt', 'ft', 'ave', 'blvd', 'approx',
  'dept', 'univ', 'fig', 'cf',
]);

// Order matters: the first alternative that matches at a position wins.
const TOKEN_PATTERN = new RegExp(
  [
    String.raw`https?:\/\/[^\s<>"“”]+[^\s<>"“”.,;:!?)\]'’]`, // URLs
    String.raw`[\w.+-]+@[\w-]+(?:\.[\w-]+)+`, // e-mail addresses
    String.raw`(?:\p{L}\.){2,}(?!\p{L})`, // dotted abbreviations: U.N., U.S., a.m.
    String.raw`\p{N}+(?:[.,:\/-]\p{N}+)*(?:[-‐]\p{L}+)*`, // numbers, dates, times, "15-year-old"
    // words with internal hyphens or apostrophes (O'Brien, Anglo-Dutch, al-Assad)
    String.raw`[\p{L}\p{M}\p{N}]+(?:[-‐'’][\p{L}\p{M}\p{N}]+)*`,
    String.raw`\.{2,}|…|-{2,}`, // ellipses and ASCII double dashes
    String.raw`\S`, // any other single character
  ].join('|'),
  'gu',
);

// Clitics split off the end of a word, as in the Penn/CoNLL tokenization.
const CLITIC = /(?:['’](?:s|re|ve|ll|d|m)|n['’]t)$/iu;

/** Splits text into tokens with UTF-16 offsets; `text.slice(start, end) === token.text`. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = new RegExp(TOKEN_PATTERN);
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const start = match.index;
    let word = match[0];
    // A single-letter initial ("George W. Bush") or a known abbreviation keeps its period.
    if (/^\p{L}+$/u.test(word) && text[start + word.length] === '.') {
      const lower = word.toLowerCase();
      if (ABBREVIATIONS.has(lower) || (word.length === 1 && /\p{Lu}/u.test(word))) {
        word += '.';
        pattern.lastIndex = start + word.length;
      }
    }
    const clitic = CLITIC.exec(word);
    if (clitic && clitic.index > 0 && /[\p{L}\p{N}]$/u.test(word.slice(0, clitic.index))) {
      tokens.push({ start, end: start + clitic.index, text: word.slice(0, clitic.index) });
      tokens.push({ start: start + clitic.index, end: start + word.length, text: clitic[0] });
    } else {
      tokens.push({ start, end: start + word.length, text: word });
    }
  }
  return tokens;
}

const SENTENCE_FINAL = new Set(['.', '!', '?', '…', '...']);
const CLOSING_PUNCTUATION = new Set(['"', '”', '’', "'", ')', ']', '»']);

/**
 * Groups tokens into sentences: a break follows sentence-final punctuation (plus any closing
 * quotes or brackets) when the next token does not start lower-case, and every line break
 * in the text ends a sentence (headlines, datelines and paragraphs are separate lines).
 */
export function splitSentences(text: string, tokens: Token[]): Token[][] {
  const sentences: Token[][] = [];
  let current: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    current.push(token);
    const next = tokens[i + 1];
    if (!next) break;
    const lineBreak = text.slice(token.end, next.start).includes('\n');
    let boundary = lineBreak;
    if (!boundary && SENTENCE_FINAL.has(token.text) && !CLOSING_PUNCTUATION.has(next.text)) {
      boundary = !/^\p{Ll}/u.test(next.text);
    } else if (!boundary && CLOSING_PUNCTUATION.has(token.text) && i > 0 && SENTENCE_FINAL.has(tokens[i - 1].text)) {
      boundary = /^[\p{Lu}"“‘(]/u.test(next.text) && text.slice(token.end, next.start).length > 0;
    }
    if (boundary) {
      sentences.push(current);
      current = [];
    }
  }
  if (current.length > 0) sentences.push(current);
  return sentences;
}
