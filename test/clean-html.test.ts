import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { extractHtml } from '../src/clean/html.js';
import { readHtmlMeta, toIsoDate } from '../src/metadata/html-meta.js';

const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'clean-html');

for (const name of fs.readdirSync(fixturesDir).sort()) {
  test(`extractHtml fixture: ${name}`, () => {
    const html = fs.readFileSync(path.join(fixturesDir, name, 'source.html'), 'utf8');
    const expected = JSON.parse(fs.readFileSync(path.join(fixturesDir, name, 'expected.json'), 'utf8'));
    const result = extractHtml(html);
    assert.equal(result.title, expected.title);
    assert.deepEqual(result.paragraphs, expected.paragraphs);
    assert.deepEqual(result.captions, expected.captions);
    assert.deepEqual(result.comments, expected.comments);
    assert.deepEqual(result.meta, expected.meta);
    assert.deepEqual([...new Set(result.removed.map((removal) => removal.reason))].sort(), expected.removedReasons);
  });
}

test('script, event-handler, style, iframe and svg content never reaches the output', () => {
  const html = fs.readFileSync(path.join(fixturesDir, 'inert-script', 'source.html'), 'utf8');
  const output = JSON.stringify(extractHtml(html));
  for (const payload of ['img-onerror-payload', 'script-payload', 'noscript-payload', 'style-payload', 'iframe-payload', 'svg-payload', 'link-payload', 'document.cookie', 'dataLayer']) {
    assert.ok(!output.includes(payload), `${payload} leaked into the extraction`);
  }
});

test('the url option fills meta.url when the page names none', () => {
  const result = extractHtml('<html><body><p>Short page.</p></body></html>', { url: 'https://example.org/a' });
  assert.equal(result.meta.url, 'https://example.org/a');
});

test('an empty or text-free page yields no paragraphs and no exception', () => {
  assert.deepEqual(extractHtml('').paragraphs, []);
  assert.deepEqual(extractHtml('<html><body><script>var a = 1;</script></body></html>').paragraphs, []);
});

test('readHtmlMeta reads citation_* tags and JSON-LD @graph articles', () => {
  const { document } = parseHTML(`<html><head>
    <meta name="citation_title" content="Tidal range and harbour silting">
    <meta name="citation_author" content="Ruth Abara"><meta name="citation_author" content="Lars Eng">
    <meta name="citation_publication_date" content="2020/7/3">
    <meta name="citation_journal_title" content="Coastal Studies">
    <meta name="dc.language" content="en">
    <script type="application/ld+json">{"@graph":[{"@type":"WebPage","name":"ignored"},{"@type":"ScholarlyArticle","url":"https://journal.example/tidal"}]}</script>
  </head><body></body></html>`);
  assert.deepEqual(readHtmlMeta(document), {
    title: 'Tidal range and harbour silting',
    publisher: 'Coastal Studies',
    published: '2020-07-03',
    byline: 'Ruth Abara, Lars Eng',
    language: 'en',
    url: 'https://journal.example/tidal',
    description: null,
  });
});

test('readHtmlMeta falls back to <time datetime> and tolerates broken JSON-LD', () => {
  const { document } = parseHTML(`<html lang="fr-fr"><head><title>Le port</title>
    <script type="application/ld+json">{"@type": "NewsArticle", broken</script></head>
    <body><article><time datetime="2018-02-01 10:15:00">1 février</time></article></body></html>`);
  const meta = readHtmlMeta(document);
  assert.equal(meta.published, '2018-02-01T10:15:00');
  assert.equal(meta.language, 'fr-FR');
  assert.equal(meta.title, 'Le port');
});

test('toIsoDate normalises common meta date spellings', () => {
  assert.equal(toIsoDate('2021-11-20'), '2021-11-20');
  assert.equal(toIsoDate('20211120'), '2021-11-20');
  assert.equal(toIsoDate('2021-11-20T08:00:00+0100'), '2021-11-20T08:00:00+01:00');
  assert.equal(toIsoDate('Tue, 19 Nov 2019 10:48:00 GMT'), '2019-11-19T10:48:00.000Z');
  assert.equal(toIsoDate('yesterday'), null);
  assert.equal(toIsoDate('0001-01-01'), null);
});
