// The annotate stage as a whole: entities, dates and quotes together on one article.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { annotate } from '../src/extract/index.js';
import { article } from './support/store-contract.js';

const text = [
  'Kenyan President William Ruto met Tanzanian President Samia Suluhu Hassan in Arusha on Tuesday.',
  'Closer Regional Trade',
  '"We agreed to remove the last barriers at the border," Ruto said after the talks.',
].join('\n\n');

describe('annotate', () => {
  const annotated = annotate(article('k1', { text, published: '2025-06-04' }));

  it('does not take a section heading for a name', () => {
    const names = (annotated.entities ?? []).map((entity) => entity.name);
    assert.ok(!names.some((name) => name.includes('Regional Trade')), names.join(', '));
    assert.ok(names.includes('William Ruto'));
    assert.ok(names.includes('Samia Suluhu Hassan'));
  });

  it('anchors dates on the publication date and attributes the quote', () => {
    assert.deepEqual(annotated.dates?.map((date) => [date.text, date.value]), [['Tuesday', '2025-06-03']]);
    const quote = annotated.quotes?.[0];
    assert.equal(quote?.speaker, 'William Ruto');
    assert.equal(quote?.kind, 'direct');
    assert.equal(quote?.text, 'We agreed to remove the last barriers at the border');
  });

  it('says so when relative dates cannot be anchored', () => {
    const undated = annotate(article('k2', { text, published: null }));
    assert.deepEqual(undated.dates?.map((date) => date.value), [null]);
    assert.match(undated.messages.at(-1)?.reason ?? '', /^no publication date/);
  });
});
