import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitSentences } from '../src/extract/sentences.js';

const texts = (text: string) => splitSentences(text).map((s) => s.text);

test('abbreviations do not end sentences', () => {
  assert.deepEqual(texts('Mr. Okafor met Dr. Lindqvist in St. Petersburg on Feb. 17. They talked for an hour.'), [
    'Mr. Okafor met Dr. Lindqvist in St. Petersburg on Feb. 17.',
    'They talked for an hour.',
  ]);
  assert.deepEqual(texts('The U.N. said it would send observers. Officials in Lusaka agreed.'), [
    'The U.N. said it would send observers.',
    'Officials in Lusaka agreed.',
  ]);
  assert.deepEqual(texts('Ms. Okonjo-Iweala spoke at 3 p.m. on Monday, and Gen. Ahmed listened.'), [
    'Ms. Okonjo-Iweala spoke at 3 p.m. on Monday, and Gen. Ahmed listened.',
  ]);
});

test('quotes that end with the full stop inside close the sentence', () => {
  assert.deepEqual(texts('She warned of a return to "the law of the jungle." The talks went on.'), [
    'She warned of a return to "the law of the jungle."',
    'The talks went on.',
  ]);
  assert.deepEqual(texts('Ties could “break new ground.” The two met in Nairobi.'), [
    'Ties could “break new ground.”',
    'The two met in Nairobi.',
  ]);
});

test('a sentence never crosses a paragraph or a line break', () => {
  const text = 'Rates held at 9.5 per cent\n\nThe bank said inflation eased. Markets rose.\nAnalysis';
  assert.deepEqual(texts(text), ['Rates held at 9.5 per cent', 'The bank said inflation eased.', 'Markets rose.', 'Analysis']);
});

test('offsets point at the sentence text and sentences are ordered', () => {
  const text = '  Leading spaces. Then "quoted words." Is it? Yes!\n\n\nThird paragraph, Jan. 5 2025.  ';
  const sentences = splitSentences(text);
  assert.equal(sentences.length, 5);
  let previousEnd = 0;
  for (const sentence of sentences) {
    assert.equal(text.slice(sentence.start, sentence.end), sentence.text);
    assert.equal(sentence.text, sentence.text.trim());
    assert.ok(sentence.start >= previousEnd);
    previousEnd = sentence.end;
  }
  assert.deepEqual(splitSentences(''), []);
  assert.deepEqual(splitSentences('\n\n  \n'), []);
});
