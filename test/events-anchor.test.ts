// Where an article's event happened: a place the lead introduces with "in"/"at", else the dateline's
// place, else a location the lead merely names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Article, Entity } from '../src/types.js';
import { eventAnchor } from '../src/events/timeline.js';
import { splitSentences } from '../src/extract/sentences.js';

const LEAD = "Uruguay's parliament approved a pension reform on Tuesday after a 14-hour debate.";
const LEAD_WITH_PLACE = "Uruguay's parliament approved a pension reform on Tuesday at a special session in Salto.";

function location(name: string, text: string): Entity {
  const start = text.indexOf(name);
  return { id: name, name, type: 'location', aliases: [], roles: [], mentions: [{ start, end: start + name.length, text: name }] };
}

function article(text: string, dateline: string | null, places: string[]): Article {
  const tuesday = text.indexOf('Tuesday');
  return {
    id: 'a1', source: 'a1.txt', status: 'ok', url: null, title: null, publisher: null, published: '2031-06-03', byline: null, dateline,
    agencies: [], language: 'en', text, captions: [], comments: [], removed: [], messages: [], quotes: [],
    entities: places.map((place) => location(place, text)),
    dates: [{ text: 'Tuesday', value: '2031-06-03', start: tuesday, end: tuesday + 'Tuesday'.length }],
  };
}

function placeOf(text: string, dateline: string | null, places: string[]): string | null {
  const story = article(text, dateline, places);
  return eventAnchor(story, splitSentences(story.text)).location;
}

test('the dateline place, in title case, comes before a country the lead only names', () => {
  assert.equal(placeOf(LEAD, 'MONTEVIDEO, June 3 (AP)', ['Uruguay']), 'Montevideo');
  assert.equal(placeOf(LEAD, 'LIMA, Peru (AP)', ['Uruguay']), 'Lima');
  assert.equal(placeOf(LEAD, 'PORT-AU-PRINCE, Haiti (AP)', ['Uruguay']), 'Port-au-Prince');
});

test('a place the lead introduces for the event outranks the dateline', () => {
  assert.equal(placeOf(LEAD_WITH_PLACE, 'MONTEVIDEO, June 3 (AP)', ['Uruguay', 'Salto']), 'Salto');
});

test('the dateline is written as the location entity that names the same place', () => {
  const text = 'Talks were held at the presidential palace in Montevideo on Tuesday.';
  assert.equal(placeOf(text, 'MONTEVIDEO, June 3 (Reuters)', ['Montevideo']), 'Montevideo');
});

test('without a place in the dateline the lead names the country', () => {
  assert.equal(placeOf(LEAD, null, ['Uruguay']), 'Uruguay');
  assert.equal(placeOf(LEAD, '(Reuters)', ['Uruguay']), 'Uruguay');
});
