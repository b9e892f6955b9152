import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { splitSentences, tagEntities, tokenize, type NerSpan } from '../src/extract/ner/index.js';
import { chunksOf } from '../src/extract/ner/conll.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/ner');
const cases = readdirSync(fixtures).sort();

for (const name of cases) {
  test(`ner fixture: ${name}`, () => {
    const text = readFileSync(path.join(fixtures, name, 'input.txt'), 'utf8');
    const expected = JSON.parse(readFileSync(path.join(fixtures, name, 'expected.json'), 'utf8')) as NerSpan[];
    assert.deepEqual(tagEntities(text), expected);
  });
}

test('every span is the slice of the text it points at', () => {
  const texts = cases.map((name) => readFileSync(path.join(fixtures, name, 'input.txt'), 'utf8'));
  texts.push('“Maria Gonzalez’s plan,” said the A.U. envoy — then left for São Paulo.\r\nNo entities here at all.', '', '   ');
  for (const text of texts) {
    for (const span of tagEntities(text)) assert.equal(text.slice(span.start, span.end), span.text);
  }
});

test('tokenizer follows CoNLL conventions on news typography', () => {
  const text = 'Russia’s envoy met O\'Brien\'s aide at the U.N. — “It didn\'t work,” said Mr. Li of the 15-year-old Anglo-Dutch firm.';
  assert.deepEqual(
    tokenize(text).map((token) => token.text),
    ['Russia', '’s', 'envoy', 'met', "O'Brien", "'s", 'aide', 'at', 'the', 'U.N.', '—', '“', 'It', 'did', "n't", 'work', ',', '”',
      'said', 'Mr.', 'Li', 'of', 'the', '15-year-old', 'Anglo-Dutch', 'firm', '.'],
  );
  for (const token of tokenize(text)) assert.equal(text.slice(token.start, token.end), token.text);
});

test('sentences break after final punctuation and at line breaks, not after titles', () => {
  const text = 'Dr. Kim arrived. “We are ready.” The talks began.\nSEOUL TALKS END\nOfficials left.';
  const sentences = splitSentences(text, tokenize(text)).map((sentence) => sentence.map((token) => token.text).join(' '));
  assert.deepEqual(sentences, ['Dr. Kim arrived .', '“ We are ready . ”', 'The talks began .', 'SEOUL TALKS END', 'Officials left .']);
});

test('conlleval chunking reads IOB1 and IOB2 alike', () => {
  assert.deepEqual(chunksOf(['I-ORG', 'I-ORG', 'O', 'I-PER', 'B-PER', 'I-LOC']), [
    { start: 0, end: 2, type: 'ORG' },
    { start: 3, end: 4, type: 'PER' },
    { start: 4, end: 5, type: 'PER' },
    { start: 5, end: 6, type: 'LOC' },
  ]);
  assert.deepEqual(chunksOf(['B-MISC', 'I-MISC', 'B-MISC']), [
    { start: 0, end: 2, type: 'MISC' },
    { start: 2, end: 3, type: 'MISC' },
  ]);
});
