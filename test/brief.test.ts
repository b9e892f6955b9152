import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Article } from '../src/types.js';
import { buildEvents } from '../src/events/build.js';
import { buildBrief, type Brief } from '../src/report/brief.js';
import { renderBriefMarkdown } from '../src/report/markdown.js';
import { renderBriefHtml } from '../src/report/html.js';

const read = (path: string): string => readFileSync(new URL(`fixtures/events/${path}`, import.meta.url), 'utf8');
const meetings = JSON.parse(read('two-meetings/articles.json')) as Article[];

test('markdown rendering of a brief matches the snapshot', () => {
  const brief = JSON.parse(read('brief/meeting-2024.brief.json')) as Brief;
  assert.equal(renderBriefMarkdown(brief), read('brief/meeting-2024.md'));
});

test('the brief of the first meeting has its facts, summary and timeline', () => {
  const [event] = buildEvents(meetings);
  const brief = buildBrief(event, meetings);
  const expected = JSON.parse(read('brief/meeting-2024.brief.json')) as Brief;
  assert.deepEqual(
    { headline: brief.headline, when: brief.when, where: brief.where, who: brief.who, whatHappened: brief.whatHappened, timeline: brief.timeline, sources: brief.sources },
    { headline: expected.headline, when: expected.when, where: expected.where, who: expected.who, whatHappened: expected.whatHappened, timeline: expected.timeline, sources: expected.sources },
  );
});

test('every summary sentence cites its article and sentence', () => {
  const [event] = buildEvents(meetings);
  const brief = buildBrief(event, meetings, { summaryWords: 60 });
  assert.ok(brief.whatHappened.length >= 2);
  for (const sentence of brief.whatHappened) {
    const article = meetings.find((candidate) => candidate.id === sentence.citation.article)!;
    assert.equal(article.text.slice(sentence.citation.start, sentence.citation.end), sentence.text);
  }
});

test('html escapes untrusted article text and carries no script', () => {
  const hostile = JSON.parse(read('brief/hostile.json')) as Article[];
  const [event] = buildEvents(hostile);
  const html = renderBriefHtml(buildBrief(event, hostile));
  assert.doesNotMatch(html, /<script/i);
  assert.doesNotMatch(html, /<img/i);
  assert.doesNotMatch(html, /href="javascript:/i);
  assert.match(html, /&lt;script&gt;alert\(&quot;title&quot;\)&lt;\/script&gt;/);
  assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
  const markdown = renderBriefMarkdown(buildBrief(event, hostile));
  // Markdown renderers show a backslash-escaped bracket as text.
  assert.doesNotMatch(markdown, /(?<!\\)<script/i);
});
