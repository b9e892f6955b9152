import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Article, Entity, EntityType, Quote } from '../src/types.js';
import type { Action, Citation } from '../src/events/types.js';
import type { MergedEntity } from '../src/extract/entities.js';
import { buildEvents } from '../src/events/build.js';
import { rankActions, resolveActions } from '../src/events/actions.js';
import { eventEntities, NameResolver, participantId, selectParticipants, unifyPersonIds } from '../src/events/participants.js';

/** An entity with every mention of its name and aliases in the text. */
function entity(text: string, id: string, name: string, type: EntityType, aliases: string[] = [], roles: string[] = []): Entity {
  const mentions = [name, ...aliases].flatMap((form) => [...text.matchAll(new RegExp(`\\b${form}\\b`, 'g'))].map((match) => ({ start: match.index, end: match.index + form.length, text: form })));
  return { id, name, type, aliases, roles, mentions };
}

function quote(text: string, words: string, speaker: string): Quote {
  const start = text.indexOf(words);
  return { start, end: start + words.length, text: words, speaker, speakerEntity: null, cue: 'said', channel: null, kind: 'direct' };
}

function article(id: string, text: string, extra: Partial<Article>): Article {
  return {
    id, source: `${id}.txt`, status: 'ok', url: null, title: null, publisher: null, published: '2031-05-12', byline: null, dateline: null,
    agencies: [], language: 'en', text, captions: [], comments: [], removed: [], messages: [], entities: [], dates: [], quotes: [], ...extra,
  };
}

const merged = (name: string, type: EntityType, aliases: string[], roles: string[], key: string): MergedEntity => ({ key, name, type, aliases, roles, articles: ['a1'] });

const names = new NameResolver([
  merged('Dmitri Volkov', 'person', ['Volkov', 'the Peruvian trade minister'], ['Peruvian Trade Minister'], 'person:dmitri volkov'),
  merged('Ana Ruiz', 'person', ['Ruiz'], ['Chilean Foreign Minister'], 'person:ana ruiz'),
  merged('Andean Trade Council', 'organization', [], [], 'organization:andean trade council'),
  merged('Valparaiso', 'location', [], [], 'location:valparaiso'),
]);

test('names resolve to the event participant, place or country they stand for', () => {
  assert.equal(names.resolve('Dmitry Volkov'), 'Dmitri Volkov');
  assert.equal(names.resolve('Volkov'), 'Dmitri Volkov');
  assert.equal(names.resolve('Ana'), 'Ana Ruiz');
  assert.equal(names.resolve('the Peruvian trade minister'), 'Dmitri Volkov');
  assert.equal(names.resolve("Andean Trade Council's"), 'Andean Trade Council');
  assert.equal(names.resolve('Valparaiso'), 'Valparaiso');
  assert.equal(names.resolve('Peruvian'), 'Peru');
  assert.equal(names.resolve('Lima'), 'Peru');
  assert.equal(names.resolve('Closing Remarks'), null);
  assert.equal(names.resolve('officials'), null);
  assert.equal(names.countryOf('Dmitri Volkov'), 'PER');
  assert.equal(names.countryOf('Ana Ruiz'), 'CHL');
});

const cite = (article: string, sentence: number): Citation => ({ article, sentence, start: sentence * 10, end: sentence * 10 + 9 });
const act = (actor: string | null, type: Action['type'], target: string | null, evidence: Citation[], mode: string | null = null): Action => ({
  actor, type, mode, target, date: '2031-05-11', location: 'Lima', evidence,
});

test('actions keep only resolvable actors and targets, merge after mapping, and put the meeting first', () => {
  const coded = [
    act('Chile', 'SUPPORT', 'Lima', [cite('a1', 3)]),
    act('Closing Remarks', 'SUPPORT', 'Andean Trade Council', [cite('a1', 9)]),
    act(null, 'CONSULT', 'Volkov', [cite('a2', 1)]),
    act('officials', 'CONSULT', 'Ana Ruiz', [cite('a2', 2)]),
    act('Andean Trade Council', 'SUPPORT', 'Cabinet Reshuffle', [cite('a2', 4)]),
    act('Dmitry Volkov', 'CONSULT', 'Ruiz', [cite('a1', 0)]),
    act('Ana Ruiz', 'CONSULT', 'Dmitri Volkov', [cite('a2', 0)]),
    act('Chilean', 'SUPPORT', 'Peru', [cite('a2', 5), cite('a1', 3)]),
    act('Andean Trade Council', 'SUPPORT', null, [cite('a1', 6)]),
    act('Peru', 'AGREE', 'Peru', [cite('a1', 7)]),
  ];
  const actions = rankActions(resolveActions(coded, names), { names, principals: ['Dmitri Volkov', 'Ana Ruiz'], independent: new Set(['a1', 'a2']) });
  assert.deepEqual(
    actions.map(({ actor, type, mode, target, evidence }) => ({ actor, type, mode, target, evidence: evidence.map((c) => `${c.article}:${c.sentence}`) })),
    [
      // Ruiz (Chile) came to Lima (Peru): she is the visitor.
      { actor: 'Ana Ruiz', type: 'CONSULT', mode: 'visit', target: 'Dmitri Volkov', evidence: ['a1:0', 'a2:0'] },
      { actor: 'Chile', type: 'SUPPORT', mode: null, target: 'Peru', evidence: ['a1:3', 'a2:5'] },
      { actor: 'Andean Trade Council', type: 'SUPPORT', mode: null, target: null, evidence: ['a1:6'] },
    ],
  );
});

test('participants: NER noise dropped, people first, URL-safe ids', () => {
  const first =
    'Chilean Foreign Minister Ana Ruiz met Peruvian Trade Minister Dmitri Volkov in Lima. The Andean Trade Council hosted the talks.\n\n' +
    'Closing Remarks\n\nThe council said the summit would resume.';
  const second = 'Ruiz and Dmitry Volkov spoke at the Andean Trade Council. Volkov said Peru would lower tariffs. Harbour Review';
  const articles = [
    article('a1', first, {
      entities: [
        entity(first, 'e1', 'Ana Ruiz', 'person', [], ['Chilean Foreign Minister']),
        entity(first, 'e2', 'Dmitri Volkov', 'person', [], ['Peruvian Trade Minister']),
        entity(first, 'e3', 'Andean Trade Council', 'organization'),
        entity(first, 'e4', 'Closing Remarks', 'organization'),
        entity(first, 'e5', 'Summit', 'organization'),
      ],
    }),
    article('a2', second, {
      entities: [
        entity(second, 'e1', 'Ruiz', 'person'),
        entity(second, 'e2', 'Dmitry Volkov', 'person', ['Volkov']),
        entity(second, 'e3', 'Andean Trade Council', 'organization'),
        entity(second, 'e4', 'Harbour Review', 'organization'),
      ],
    }),
  ];
  const participants = selectParticipants(eventEntities(articles), new Set());
  assert.deepEqual(
    participants.map(({ id, name, type, articles: ids }) => ({ id, name, type, articles: ids.length })),
    [
      { id: 'person-dmitri-volkov', name: 'Dmitri Volkov', type: 'person', articles: 2 },
      { id: 'person-ana-ruiz', name: 'Ana Ruiz', type: 'person', articles: 2 },
      { id: 'organization-andean-trade-council', name: 'Andean Trade Council', type: 'organization', articles: 2 },
    ],
  );
  // A speaking organisation stays even when named once.
  assert.ok(selectParticipants(eventEntities(articles), new Set(['Harbour Review'])).some((participant) => participant.name === 'Harbour Review'));
});

test('participant ids are slugs, or a hash when the name has no Latin letters', () => {
  assert.equal(participantId('person:jose alvarez-nunez'), 'person-jose-alvarez-nunez');
  assert.equal(participantId('organization:banque de l’état'), 'organization-banque-de-l-etat');
  assert.match(participantId('person:'), /^person-[0-9a-f]{12}$/);
  assert.match(participantId(`organization:${'long name '.repeat(20)}`), /^organization-[0-9a-f]{12}$/);
});

test('a person known by surname in one event takes the id of the full name known elsewhere', () => {
  const person = (id: string, name: string) => ({ id, name, type: 'person' as const, aliases: [], roles: [], articles: [] });
  const events = [{ participants: [person('person-volkov', 'Volkov')] }, { participants: [person('person-ruiz', 'Ruiz')] }];
  const known = [{ participants: [person('person-dmitri-volkov', 'Dmitri Volkov'), person('person-ana-ruiz', 'Ana Ruiz'), person('person-luis-ruiz', 'Luis Ruiz')] }];
  unifyPersonIds(events, known);
  assert.deepEqual(events.map((event) => event.participants[0].id), ['person-dmitri-volkov', 'person-ruiz']);
  assert.equal(known[0].participants[0].id, 'person-dmitri-volkov');
});

test('one quote in two spellings of the speaker aligns under the canonical name with both sources', () => {
  const first = 'Dmitri Volkov met Ana Ruiz in Lima. "Our ports stay open to Chilean ships," Volkov said after the talks.';
  const second = 'Ana Ruiz met Dmitry Volkov in Lima on Sunday. "Our ports stay open to Chilean ships," Dmitry Volkov told reporters.';
  const words = 'Our ports stay open to Chilean ships,';
  const articles = [
    article('b1', first, {
      publisher: 'Coastal Times',
      entities: [entity(first, 'e1', 'Dmitri Volkov', 'person', ['Volkov']), entity(first, 'e2', 'Ana Ruiz', 'person')],
      quotes: [quote(first, words, 'Dmitri Volkov')],
    }),
    article('b2', second, {
      publisher: 'Andes Daily',
      entities: [entity(second, 'e1', 'Dmitry Volkov', 'person'), entity(second, 'e2', 'Ana Ruiz', 'person')],
      quotes: [quote(second, words, 'Dmitry Volkov')],
    }),
  ];
  const [event] = buildEvents(articles);
  assert.deepEqual(
    event.quotes.map(({ speaker, articles: ids }) => ({ speaker, articles: ids })),
    [{ speaker: 'Dmitri Volkov', articles: ['b1', 'b2'] }],
  );
  for (const participant of event.participants) assert.match(participant.id, /^[a-z0-9-]+$/);
});
