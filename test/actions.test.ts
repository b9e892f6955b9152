import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { classifyHappening, codeActions, codeSentence } from '../src/events/actions.js';
import type { Article, Entity } from '../src/types.js';

interface SentenceCase {
  sentence: string;
  entities?: Pick<Entity, 'name' | 'aliases' | 'type'>[];
  expected: Record<string, string | null> | null;
}

const cases = JSON.parse(readFileSync(new URL('./fixtures/actions/sentences.json', import.meta.url), 'utf8')) as SentenceCase[];

for (const { sentence, entities, expected } of cases) {
  test(`codeSentence: ${sentence}`, () => {
    const coded = codeSentence(sentence, entities ? { entities } : undefined);
    const actual = coded && {
      type: coded.type,
      mode: coded.mode,
      actor: coded.actor,
      actorCode: coded.actorCode,
      target: coded.target,
      targetCode: coded.targetCode,
      location: coded.location,
    };
    assert.deepEqual(actual, expected);
  });
}

test('codeSentence reports the trigger span and a confidence', () => {
  const sentence = 'Sweden and Finland held talks in Stockholm.';
  const coded = codeSentence(sentence);
  assert.ok(coded);
  assert.equal(sentence.slice(coded.trigger.start, coded.trigger.end), 'held talks');
  assert.equal(coded.confidence, 0.9);
});

function article(id: string, text: string, entities: Entity[] = []): Article {
  return {
    id, source: `${id}.txt`, status: 'ok', url: null, title: null, publisher: null, published: '2026-03-02',
    byline: null, dateline: null, agencies: [], language: 'en', text, captions: [], comments: [], removed: [], messages: [],
    entities, dates: [],
  };
}

test('codeActions merges the same actor, type and target across articles with all evidence', () => {
  const first = article('a1', 'Peru and Chile held talks on fishing rights in Lima.\n\nThe weather was mild.');
  const second = article('a2', 'Officials said Peru and Chile held talks in Lima on Monday. Chile later condemned the Peruvian navy.');
  const actions = codeActions([first, second], { date: '2026-03-02', location: 'Lima' });
  assert.deepEqual(actions, [
    {
      actor: 'Peru', type: 'CONSULT', mode: 'visit', target: 'Chile', date: '2026-03-02', location: 'Lima',
      evidence: [
        { article: 'a1', sentence: 0, start: 0, end: 52 },
        { article: 'a2', sentence: 0, start: 0, end: 59 },
      ],
    },
    {
      actor: 'Chile', type: 'DISAPPROVE', mode: null, target: 'Peruvian navy', date: '2026-03-02', location: 'Lima',
      evidence: [{ article: 'a2', sentence: 1, start: 60, end: 100 }],
    },
  ]);
});

test('codeActions names actors by their entity names', () => {
  const text = 'Foreign Minister Ana Ruiz met with Ghana’s president in Accra.';
  const ruiz: Entity = { id: 'e1', name: 'Ana Ruiz', type: 'person', aliases: ['Ruiz'], roles: ['Foreign Minister'], mentions: [{ start: 17, end: 25, text: 'Ana Ruiz' }] };
  const [action] = codeActions([article('b1', text, [ruiz])], { date: null, location: null });
  assert.equal(action.actor, 'Ana Ruiz');
  assert.equal(action.type, 'CONSULT');
  assert.equal(action.target, 'Ghana’s president');
  assert.equal(action.location, 'Accra');
});

interface KindCase {
  sentence: string;
  type: string | null;
  kind?: string;
}

// One or more sentences per PLOVER category, written for these tests from the category definitions,
// and sentences about rate decisions, markets, sport, weather and disasters, which PLOVER does not code.
const kindCases = JSON.parse(readFileSync(new URL('./fixtures/actions/kinds.json', import.meta.url), 'utf8')) as KindCase[];

for (const { sentence, type, kind } of kindCases) {
  test(`classifyHappening: ${sentence}`, () => {
    const happening = classifyHappening(sentence);
    assert.deepEqual({ type: happening.coding?.type ?? null, kind: happening.otherKind }, { type, kind: kind ?? null });
  });
}
