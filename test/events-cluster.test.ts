import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Article } from '../src/types.js';
import type { DossierEvent } from '../src/events/types.js';
import { buildEvents } from '../src/events/build.js';
import { eventAnchor } from '../src/events/timeline.js';
import { splitSentences } from '../src/extract/sentences.js';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`fixtures/events/two-meetings/${name}`, import.meta.url), 'utf8'));
const articles = fixture('articles.json') as Article[];
const expected = fixture('expected.json') as unknown[];
const sourceOf = new Map(articles.map((article) => [article.id, article.source]));

function summary(events: DossierEvent[]): unknown[] {
  return events.map((event) => ({
    id: event.id,
    title: event.title,
    date: event.date,
    location: event.location,
    articles: event.articles.map((article) => sourceOf.get(article.id)),
    participants: event.participants.filter((participant) => participant.type === 'person').map((participant) => participant.name),
    related: event.related.map(({ relation, id, date, location }) => ({ relation, id, date, location })),
    firstSeen: event.firstSeen,
    lastUpdated: event.lastUpdated,
  }));
}

test('two meetings of the same officials a year apart and an unrelated story make three events', () => {
  assert.deepEqual(summary(buildEvents(articles)), expected);
});

test('the same events whatever the input order', () => {
  assert.deepEqual(summary(buildEvents([...articles].reverse())), expected);
  assert.deepEqual(summary(buildEvents([articles[4], articles[1], articles[5], articles[0], articles[3], articles[2]])), expected);
});

test('a caption and an earlier meeting do not move the event date', () => {
  const anchorOf = (source: string) => {
    const article = articles.find((candidate) => candidate.source === source)!;
    const { date, location, evidence } = eventAnchor(article, splitSentences(article.text));
    return { date, location, sentence: evidence?.sentence };
  };
  // The caption (Geneva, 2023) and "had last met in Geneva" come before and after the lead.
  assert.deepEqual(anchorOf('meetings/2024-daily.html'), { date: '2024-03-14', location: 'New Delhi', sentence: 2 });
  // A file-photo caption of the first meeting heads the article; "who first met ... on March 14, 2024" follows.
  assert.deepEqual(anchorOf('meetings/2025-courier.html'), { date: '2025-03-20', location: 'Rome', sentence: 2 });
});

test('a participant keeps one id across events', () => {
  const events = buildEvents(articles);
  const idsOf = (name: string) => new Set(events.flatMap((event) => event.participants.filter((p) => p.name === name).map((p) => p.id)));
  assert.equal(idsOf('Arjun Mehta').size, 1);
  assert.equal(idsOf('Elena Moretti').size, 1);
  const mehta = events[0].participants.find((participant) => participant.name === 'Arjun Mehta')!;
  assert.deepEqual(mehta.roles, ['Indian External Affairs Minister']);
  assert.ok(mehta.aliases.includes('Mehta'));
});

test('a referenced earlier meeting keeps its citation', () => {
  const [first] = buildEvents(articles);
  const daily = articles.find((article) => article.source === 'meetings/2024-daily.html')!;
  const [citation] = first.related[0].evidence;
  assert.equal(citation.article, daily.id);
  assert.equal(daily.text.slice(citation.start, citation.end), 'The two ministers had last met in Geneva in November 2023.');
});
