// Sentence boundaries over clean article text.
// wink-nlp's English lite model was picked after comparing it with compromise, sbd,
// sentence-splitter and Intl.Segmenter on abbreviation-heavy news sentences ("Mr.", "U.N.",
// "Feb. 17", "St. Petersburg", quotes ending in `."`): it got 19 of 20 cases right (the miss:
// "5 a.m. Officials"), sbd 19 (missed `'historic.' Others`), Intl.Segmenter 14, compromise 13,
// sentence-splitter 12; wink also keeps every character, so offsets can be recovered exactly.
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

export interface Sentence {
  start: number;
  end: number;
  text: string;
}

const nlp = winkNLP(model, ['sbd']);

/** Splits `text` into sentences; a line break (paragraph or heading line) always ends a sentence. */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  const linePattern = /[^\r\n]+/g;
  for (let line = linePattern.exec(text); line; line = linePattern.exec(text)) {
    let cursor = line.index;
    const lineEnd = line.index + line[0].length;
    for (const sentenceText of nlp.readDoc(line[0]).sentences().out()) {
      const piece = sentenceText.trim();
      if (!piece) continue;
      const found = text.indexOf(piece, cursor);
      // wink reproduces its input verbatim; if it ever did not, the rest of the line stays one sentence.
      if (found < 0 || found + piece.length > lineEnd) break;
      sentences.push({ start: found, end: found + piece.length, text: piece });
      cursor = found + piece.length;
    }
    const rest = text.slice(cursor, lineEnd);
    if (rest.trim()) {
      const start = cursor + rest.length - rest.trimStart().length;
      const end = cursor + rest.trimEnd().length;
      sentences.push({ start, end, text: text.slice(start, end) });
    }
  }
  return sentences;
}
