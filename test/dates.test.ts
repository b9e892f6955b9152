import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { isoWeek } from '../src/extract/dates-calendar.js';
import { extractDates } from '../src/extract/dates.js';
import type { DateMention } from '../src/types.js';

const fixtureRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/dates');

interface FixtureInput {
  published: string | null;
  text: string;
}

function loadFixture(name: string): { input: FixtureInput; expected: DateMention[] } {
  const read = (file: string): unknown => JSON.parse(readFileSync(path.join(fixtureRoot, name, file), 'utf8'));
  return { input: read('input.json') as FixtureInput, expected: read('expected.json') as DateMention[] };
}

const valuesOf = (mentions: DateMention[]): Array<[string, string | null]> => mentions.map((m) => [m.text, m.value]);

describe('extractDates fixtures', () => {
  for (const name of readdirSync(fixtureRoot).sort()) {
    it(name, () => {
      const { input, expected } = loadFixture(name);
      const mentions = extractDates(input.text, input.published);
      assert.deepEqual(mentions, expected);
      for (const mention of mentions) assert.equal(mention.text, input.text.slice(mention.start, mention.end));
    });
  }
});

describe('extractDates behaviour', () => {
  it('resolves a bare weekday in a past-tense report to the most recent such day', () => {
    const text = 'Rescue teams reached the flooded village on Sunday, the regional governor said.';
    assert.deepEqual(valuesOf(extractDates(text, '2026-02-02')), [['Sunday', '2026-02-01']]);
  });

  it('keeps "two months prior" a duration without an earlier date, and anchors it on one when present', () => {
    assert.deepEqual(valuesOf(extractDates('Two months prior, the minister had resigned.', '2026-02-02')), [
      ['Two months prior', 'P2M'],
    ]);
    assert.deepEqual(
      valuesOf(extractDates('The plant closed on March 3, 2025. Two months prior, cracks were found.', '2026-02-02')),
      [['March 3, 2025', '2025-03-03'], ['Two months prior', '2025-01']],
    );
  });

  it('numbers weeks by ISO 8601 (2026-02-09 is a Monday in week 7, so "next week" is week 8)', () => {
    assert.deepEqual(isoWeek({ year: 2026, month: 2, day: 9 }), { year: 2026, week: 7 });
    assert.deepEqual(valuesOf(extractDates('Talks resume next week.', '2026-02-09')), [['next week', '2026-W08']]);
    assert.deepEqual(valuesOf(extractDates('Talks resume next week.', '2026-02-02')), [['next week', '2026-W07']]);
  });

  it('reads bare months backwards unless the clause speaks of the future', () => {
    assert.deepEqual(valuesOf(extractDates('The plant was shut in November.', '2026-02-02')), [['November', '2025-11']]);
    assert.deepEqual(valuesOf(extractDates('The plant will reopen in November.', '2026-02-02')), [['November', '2026-11']]);
  });

  it('reads dotted numeric dates day first and slashed ones month first', () => {
    assert.deepEqual(valuesOf(extractDates('Signed 01.02.2026 and filed 02/03/2026.', null)), [
      ['01.02.2026', '2026-02-01'],
      ['02/03/2026', '2026-02-03'],
    ]);
  });

  it('gives anchored expressions a null value without a publication date, never the run date', () => {
    const mentions = extractDates('Sales rose last year and fell on Sunday, after the vote on Feb. 1, 2026.', null);
    assert.deepEqual(valuesOf(mentions), [
      ['last year', null],
      ['Sunday', null],
      ['Feb. 1, 2026', '2026-02-01'],
    ]);
  });

  it('does not take counts, prices or the modal "may" for dates', () => {
    const text = 'About 2000 people may attend; tickets cost $2026 and 1,999 seats remain.';
    assert.deepEqual(extractDates(text, '2026-02-02'), []);
  });
});
