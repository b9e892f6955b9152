// Day-and-city evaluation on the repo's event-series fixtures (test/fixtures/event-series: story families of
// successive similar happenings, gold written before the system ran on them). Every family's articles are
// pooled into one run, as a user would ingest them. Reports grouping B-cubed P/R/F1 and, per gold event,
// whether the event holding most of its articles has the right day (start day) and the right city (same
// GeoNames place). Nothing is tuned on these: they are a check, not a tuning set.
// Usage: tsx scripts/eval-event-series.ts [--verbose]
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { processDocument } from '../src/pipeline.js';
import { annotate } from '../src/extract/index.js';
import { buildEvents } from '../src/events/build.js';
import { resolveCity } from '../src/places/gazetteer.js';
import type { Article } from '../src/types.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test/fixtures/event-series');
const verbose = process.argv.includes('--verbose');

interface Gold {
  articles: Record<string, { event: string; preview?: boolean; followUp?: boolean }>;
  events: Record<string, { start: string; end: string; city: string; country: string; venue: string | null }>;
}

const articles: Article[] = [];
const goldOf = new Map<string, string>();
const goldEvents = new Map<string, Gold['events'][string]>();
const fileOf = new Map<string, string>();
for (const family of readdirSync(root, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort()) {
  const gold = JSON.parse(readFileSync(path.join(root, family, 'gold.json'), 'utf8')) as Gold;
  for (const [key, event] of Object.entries(gold.events)) goldEvents.set(`${family}/${key}`, event);
  for (const [file, entry] of Object.entries(gold.articles)) {
    const source = `${family}/${file}`;
    let article = processDocument({ source, bytes: readFileSync(path.join(root, family, file)) });
    if (article.status === 'ok') article = annotate(article);
    else console.log(`rejected: ${source}: ${article.reason}`);
    articles.push(article);
    goldOf.set(article.id, `${family}/${entry.event}`);
    fileOf.set(article.id, source);
  }
}

const events = buildEvents(articles, { now: '2026-12-01T00:00:00Z' });
const predicted = new Map<string, string>();
for (const article of articles) predicted.set(article.id, `rejected:${article.id}`);
for (const event of events) for (const member of event.articles) predicted.set(member.id, event.id);
for (const event of events) for (const copy of event.duplicates) predicted.set(copy.id, event.id);

// B-cubed over articles.
let precision = 0;
let recall = 0;
for (const article of articles) {
  const own = articles.filter((other) => predicted.get(other.id) === predicted.get(article.id));
  const gold = articles.filter((other) => goldOf.get(other.id) === goldOf.get(article.id));
  const correct = own.filter((other) => goldOf.get(other.id) === goldOf.get(article.id)).length;
  precision += correct / own.length;
  recall += correct / gold.length;
}
precision /= articles.length;
recall /= articles.length;
const f1 = (2 * precision * recall) / (precision + recall);

// Day and city per gold event, read off the predicted event that holds most of its articles.
let rightDay = 0;
let rightCity = 0;
let exactGroups = 0;
for (const [key, gold] of goldEvents) {
  const members = articles.filter((article) => goldOf.get(article.id) === key);
  const counts = new Map<string, number>();
  for (const member of members) counts.set(predicted.get(member.id)!, (counts.get(predicted.get(member.id)!) ?? 0) + 1);
  const [bestId] = [...counts].sort((a, b) => b[1] - a[1])[0];
  const event = events.find((candidate) => candidate.id === bestId);
  const predictedMembers = articles.filter((article) => predicted.get(article.id) === bestId);
  if (predictedMembers.length === members.length && counts.size === 1) exactGroups++;
  const dayOk = event?.date === gold.start;
  const goldCity = resolveCity(gold.city, new Set([gold.country]));
  const cityOk = event?.place?.geonameId != null && goldCity !== null && event.place.geonameId === goldCity.id;
  if (dayOk) rightDay++;
  if (cityOk) rightCity++;
  if (verbose && (!dayOk || !cityOk || counts.size > 1 || predictedMembers.length !== members.length)) {
    console.log(`${key}: gold ${gold.start} ${gold.city} | got ${event?.date ?? '-'} ${event?.location ?? '-'} (${event?.place?.country ?? '-'}) | split ${counts.size}, predicted ${predictedMembers.length}/${members.length}: ${predictedMembers.map((m) => fileOf.get(m.id)).join(' ')}`);
  }
}
const total = goldEvents.size;
console.log(
  JSON.stringify({
    dataset: 'test/fixtures/event-series',
    metric: 'bcubed_f1',
    value: Number(f1.toFixed(4)),
    articles: articles.length,
    goldEvents: total,
    predictedEvents: events.length,
    bcubed: { precision: Number(precision.toFixed(4)), recall: Number(recall.toFixed(4)), f1: Number(f1.toFixed(4)) },
    eventsGroupedExactly: exactGroups,
    dayAccuracy: Number((rightDay / total).toFixed(4)),
    cityAccuracy: Number((rightCity / total).toFixed(4)),
  }),
);
