import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Entity } from '../src/types.js';
import { entityKey, mergeEntities, resolveEntities, type NerSpan } from '../src/extract/entities.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'entities');

/** Spans for every word-bounded occurrence of each surface form, as a tagger would give them. */
function spansFor(text: string, forms: [string, NerSpan['type']][]): NerSpan[] {
  const spans: NerSpan[] = [];
  for (const [surface, type] of forms) {
    const escaped = surface.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (const match of text.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'gu'))) {
      const start = match.index!;
      if (!spans.some((span) => start < span.end && span.start < start + surface.length)) spans.push({ start, end: start + surface.length, text: surface, type });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

function assertInvariants(text: string, entities: Entity[]): void {
  entities.forEach((entity, i) => {
    assert.equal(entity.id, `e${i + 1}`);
    assert.ok(entity.mentions.length > 0);
    for (const mention of entity.mentions) assert.equal(text.slice(mention.start, mention.end), mention.text);
    const starts = entity.mentions.map((mention) => mention.start);
    assert.deepEqual(starts, [...starts].sort((a, b) => a - b));
    assert.ok(!entity.aliases.includes(entity.name));
    if (i > 0) assert.ok(entities[i - 1].mentions[0].start < entity.mentions[0].start);
  });
  // Mentions may nest ("Russia" inside "Russia's security chief") but never cross.
  const all = entities.flatMap((entity) => entity.mentions);
  for (const a of all) {
    for (const b of all) {
      if (a === b || a.end <= b.start || b.end <= a.start) continue;
      assert.ok((a.start <= b.start && b.end <= a.end) || (b.start <= a.start && a.end <= b.end), `mentions cross at ${a.start} and ${b.start}`);
    }
  }
}

for (const name of readdirSync(fixtures).sort()) {
  test(`fixture ${name}: entities, aliases, roles and mentions`, () => {
    const dir = path.join(fixtures, name);
    const text = readFileSync(path.join(dir, 'input.txt'), 'utf8');
    const spans = JSON.parse(readFileSync(path.join(dir, 'spans.json'), 'utf8')) as NerSpan[];
    const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Entity[];
    const entities = resolveEntities(text, spans);
    assertInvariants(text, entities);
    assert.deepEqual(entities, expected);
  });
}

test('a central bank governor: surname with honorific, apposition role and role mention', () => {
  const text = 'Patricia Mwangi, the central bank governor, said rates would hold. Dr Mwangi spoke in Kampala.\n\nThe governor did not take questions.';
  const entities = resolveEntities(text, spansFor(text, [['Patricia Mwangi', 'PER'], ['Mwangi', 'PER'], ['Kampala', 'LOC']]));
  assertInvariants(text, entities);
  assert.deepEqual(entities[0], {
    id: 'e1', name: 'Patricia Mwangi', type: 'person', aliases: ['Mwangi', 'governor'], roles: ['central bank governor'],
    mentions: [
      { start: 0, end: 15, text: 'Patricia Mwangi' },
      { start: text.indexOf('Dr Mwangi') + 3, end: text.indexOf('Dr Mwangi') + 9, text: 'Mwangi' },
      { start: text.indexOf('The governor') + 4, end: text.indexOf('The governor') + 12, text: 'governor' },
    ],
  });
});

test('family-name-first names resolve from "Mr <family name>"', () => {
  const text = 'Chinese Foreign Minister Liu Jianchao met reporters. Mr Liu said talks went well.';
  const [liu] = resolveEntities(text, spansFor(text, [['Liu Jianchao', 'PER'], ['Liu', 'PER'], ['Chinese', 'MISC']]));
  assert.equal(liu.name, 'Liu Jianchao');
  assert.deepEqual(liu.aliases, ['Liu']);
  assert.deepEqual(liu.roles, ['Chinese Foreign Minister']);
});

test('a role mention that fits two people is left unresolved', () => {
  const text = 'Finance Minister Ana Costa met Trade Minister Rui Lopes in Lisbon. Later the minister flew to Porto.';
  const entities = resolveEntities(text, spansFor(text, [['Ana Costa', 'PER'], ['Rui Lopes', 'PER'], ['Lisbon', 'LOC'], ['Porto', 'LOC']]));
  assertInvariants(text, entities);
  assert.deepEqual(entities.map((entity) => [entity.name, entity.aliases, entity.roles]), [
    ['Ana Costa', [], ['Finance Minister']],
    ['Rui Lopes', [], ['Trade Minister']],
    ['Lisbon', [], []],
    ['Porto', [], []],
  ]);
});

test('the same surname with a clashing given name stays two people', () => {
  const text = 'Ivan Petrov and his brother Oleg Petrov founded the firm. Petrov declined to comment.';
  const entities = resolveEntities(text, spansFor(text, [['Ivan Petrov', 'PER'], ['Oleg Petrov', 'PER'], ['Petrov', 'PER']]));
  assertInvariants(text, entities);
  assert.deepEqual(entities.map((entity) => [entity.name, entity.aliases]), [
    ['Ivan Petrov', []],
    ['Oleg Petrov', []],
    ['Petrov', []],
  ]);
});

test('pronouns are not mentions and spans are narrowed to the name', () => {
  const text = 'President Ruto\'s plan was praised by the United Nations. He said the UN would help.';
  const at = (surface: string) => ({ start: text.indexOf(surface), end: text.indexOf(surface) + surface.length, text: surface });
  const spans: NerSpan[] = [
    { ...at("President Ruto's"), type: 'PER' },
    { ...at('the United Nations'), type: 'ORG' },
    { ...at('UN would'), type: 'ORG' },
  ];
  spans[2] = { ...spans[2], end: spans[2].start + 2, text: 'UN' };
  const entities = resolveEntities(text, spans);
  assertInvariants(text, entities);
  assert.deepEqual(entities, [
    { id: 'e1', name: 'Ruto', type: 'person', aliases: [], roles: ['President'], mentions: [{ start: 10, end: 14, text: 'Ruto' }] },
    {
      id: 'e2', name: 'United Nations', type: 'organization', aliases: ['UN'], roles: [],
      mentions: [{ start: 41, end: 55, text: 'United Nations' }, { start: 69, end: 71, text: 'UN' }],
    },
  ]);
});

test('transliteration variants of one name are one entity', () => {
  const text = 'Volodymyr Zelenskyy spoke on Friday. Zelensky later met Mohammed Saleh, and Zelenskiy thanked Muhammad Saleh.';
  const entities = resolveEntities(text, spansFor(text, [['Volodymyr Zelenskyy', 'PER'], ['Zelensky', 'PER'], ['Zelenskiy', 'PER'], ['Mohammed Saleh', 'PER'], ['Muhammad Saleh', 'PER']]));
  assert.deepEqual(entities.map((entity) => [entity.name, entity.aliases]), [
    ['Volodymyr Zelenskyy', ['Zelensky', 'Zelenskiy']],
    ['Mohammed Saleh', ['Muhammad Saleh']],
  ]);
});

test('entityKey folds diacritics and transliteration variants', () => {
  assert.equal(entityKey('Sergei Shoigu', 'person'), entityKey('Sergey Shoygu', 'person'));
  assert.equal(entityKey('Ana Brandão', 'person'), entityKey('Ana Brandao', 'person'));
  assert.equal(entityKey('Mr. Arief', 'person'), entityKey('Arif', 'person'));
  assert.equal(entityKey('Zelenskyy', 'person'), entityKey('Zelenskiy', 'person'));
  assert.equal(entityKey('Mikhail Khodorkovsky', 'person'), entityKey('Mihail Hodorkovskiy', 'person'));
  assert.notEqual(entityKey('Sergei Shoigu', 'person'), entityKey('Ivan Shoigu', 'person'));
  assert.equal(entityKey('the Russian Federation', 'location'), 'location:russia');
  assert.equal(entityKey('U.N.', 'organization'), entityKey('UN', 'organization'));
  assert.equal(entityKey('São Paulo', 'location'), 'location:sao paulo');
});

function entity(name: string, type: Entity['type'], aliases: string[] = [], roles: string[] = []): Entity {
  return { id: 'e1', name, type, aliases, roles, mentions: [] };
}

test('mergeEntities joins one person across articles and keeps namesakes apart', () => {
  const merged = mergeEntities([
    { article: 'a1', entities: [entity('Shoigu', 'person', ["Russia's security chief"]), entity('Beijing', 'location')] },
    { article: 'a2', entities: [entity('Sergey Shoygu', 'person', ['Shoygu'], ['Secretary of the Russian Security Council'])] },
    { article: 'a3', entities: [entity('Sergei Shoigu', 'person', [], ['Russian Security Council secretary']), entity('Ivan Shoigu', 'person')] },
    { article: 'a4', entities: [entity('United Nations', 'organization', ['UN']), entity('Shanghai Cooperation Organization', 'organization')] },
    { article: 'a5', entities: [entity('U.N.', 'organization'), entity('SCO', 'organization'), entity('Beijing', 'organization')] },
  ]);
  assert.deepEqual(merged, [
    {
      key: 'person:sergei shoigu', name: 'Sergey Shoygu', type: 'person',
      aliases: ['Shoigu', "Russia's security chief", 'Shoygu', 'Sergei Shoigu'],
      roles: ['Secretary of the Russian Security Council', 'Russian Security Council secretary'],
      articles: ['a1', 'a2', 'a3'],
    },
    { key: 'location:beijing', name: 'Beijing', type: 'location', aliases: [], roles: [], articles: ['a1', 'a5'] },
    { key: 'person:ivan shoigu', name: 'Ivan Shoigu', type: 'person', aliases: [], roles: [], articles: ['a3'] },
    { key: 'organization:united nations', name: 'United Nations', type: 'organization', aliases: ['UN', 'U.N.'], roles: [], articles: ['a4', 'a5'] },
    {
      key: 'organization:shanghai cooperation organization', name: 'Shanghai Cooperation Organization', type: 'organization',
      aliases: ['SCO'], roles: [], articles: ['a4', 'a5'],
    },
  ]);
});

test('mergeEntities keeps a surname alone when it could be two people', () => {
  const merged = mergeEntities([
    { article: 'a1', entities: [entity('Ivan Petrov', 'person'), entity('Oleg Petrov', 'person')] },
    { article: 'a2', entities: [entity('Petrov', 'person')] },
  ]);
  assert.deepEqual(merged.map((item) => [item.name, item.articles]), [
    ['Ivan Petrov', ['a1']],
    ['Oleg Petrov', ['a1']],
    ['Petrov', ['a2']],
  ]);
});

test('mergeEntities keeps namesakes of different nationality apart', () => {
  const merged = mergeEntities([
    { article: 'a1', entities: [entity('Ali Hassan', 'person', [], ['Egyptian Trade Minister'])] },
    { article: 'a2', entities: [entity('Ali Hasan', 'person', [], ['Kenyan senator'])] },
    { article: 'a3', entities: [entity('Ali Hassan', 'person', [], ['Egypt\'s trade minister'])] },
  ]);
  assert.deepEqual(merged.map((item) => [item.name, item.articles]), [
    ['Ali Hassan', ['a1', 'a3']],
    ['Ali Hasan', ['a2']],
  ]);
});
