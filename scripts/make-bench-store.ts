// Builds a large synthetic store for scripts/bench-server.ts: N annotated articles (default 100,000)
// about invented news stories, each story written up by 3-6 outlets (sometimes with a re-post),
// stored through SqliteStore.putArticle, and one event per story stored with replaceEvents.
//
//   npx tsx scripts/make-bench-store.ts --db bench.db [--articles 100000] [--seed 1] [--days N]
//                                       [--hold-out N --hold-out-file batch.jsonl]
//
// `--days` spreads the stories over that many days (default 11 years). `--hold-out N` writes N more
// articles, not stored, as raw JSONL records (url, title, published, text) for `dossier ingest` to
// take in: a third of them further outlets' reports of recently stored stories (they join stored
// events), the rest new stories on the same days (scripts/bench-scale.ts).
//
// Deterministic: the same arguments give the same articles and events (the store's own ingestion
// times aside). The texts come from the small word lists and sentence patterns below; entity,
// date and quote annotations are recorded while the text is written, so their offsets are exact.
//
// Events are put together here from what the script knows of each story (its participants,
// quotes, the figures each outlet reports, the sentences saying so), not by src/events/build.ts:
// buildEvents on each story's articles took ~15 ms per article (500 articles: 9.1 s of 9.7 s),
// about 25 minutes for 100,000, while this takes ~2 minutes. The events have the same shape and
// parts as built ones (claims cited to sentences, aligned quotes, discrepancies, actions, series)
// and similar sizes (~8 KB of JSON each; the sample corpus's two events are 11 and 31 KB).
import { createHash } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { splitSentences, type Sentence } from '../src/extract/sentences.js';
import type { AlignedQuote, Citation, Claim, DossierEvent, Participant, PloverType } from '../src/events/types.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { seededRandom } from '../src/util/random.js';
import type { Article, DateMention, Entity, EntityType, Quote } from '../src/types.js';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    articles: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    days: { type: 'string', default: String(11 * 365) },
    'hold-out': { type: 'string', default: '0' },
    'hold-out-file': { type: 'string' },
  },
});
const holdOut = Number(values['hold-out']);
if (holdOut > 0 && !values['hold-out-file']) throw new Error('--hold-out needs --hold-out-file FILE');
if (!values.db) throw new Error('usage: make-bench-store.ts --db FILE [--articles N] [--seed N]');
if (existsSync(values.db)) throw new Error(`${values.db} exists: give a new file`);
const articleTarget = Number(values.articles);
if (!Number.isInteger(articleTarget) || articleTarget < 1) throw new Error('--articles must be a positive integer');

const random = seededRandom(Number(values.seed));
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
function pickSome<T>(list: readonly T[], count: number): T[] {
  const pool = [...list];
  const out: T[] = [];
  while (out.length < count && pool.length > 0) out.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
  return out;
}

const FIRST = ['Amara', 'Boris', 'Carmen', 'Dmitri', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kofi', 'Lena', 'Mateo', 'Nadia', 'Omar', 'Priya', 'Quentin', 'Rosa', 'Samuel', 'Tamar', 'Ulla', 'Victor', 'Wen', 'Yusuf', 'Zofia', 'Adrian', 'Beatriz', 'Chidi', 'Dana', 'Emil'];
const LAST = ['Abara', 'Bergstrom', 'Castellanos', 'Dubois', 'Eriksen', 'Fontaine', 'Gallagher', 'Haddad', 'Ivanova', 'Jansen', 'Kowalski', 'Lindqvist', 'Mbeki', 'Novak', 'Okafor', 'Petrov', 'Quispe', 'Romano', 'Sato', 'Tanaka', 'Ueda', 'Varga', 'Weber', 'Xu', 'Yilmaz', 'Zhou', 'Alvarez', 'Brennan', 'Costa', 'Demir', 'Esposito', 'Fischer', 'Gruber', 'Horvat', 'Iqbal', 'Jovanovic', 'Kim', 'Larsen', 'Moreau', 'Nakamura'];
const ROLES = ['Foreign Minister', 'Finance Minister', 'Interior Minister', 'Prime Minister', 'President', 'mayor', 'union leader', 'chief executive', 'central bank governor', 'opposition leader', 'spokesperson', 'police chief', 'health minister', 'trade envoy', 'defence minister'];
const PLACES = ['Arlenby', 'Brastow', 'Corvena', 'Dunmore', 'Eskeld', 'Farrowgate', 'Galvik', 'Halden Bay', 'Istara', 'Jorvale', 'Kelmar', 'Lusgrave', 'Mireton', 'Norhaven', 'Ostrava Nova', 'Pellmouth', 'Quarrin', 'Ravensholm', 'Sundby', 'Tolvane', 'Ulmstead', 'Varnow', 'Westerlake', 'Yarrowby', 'Zelmont', 'Ashcombe', 'Brightwater', 'Calderon', 'Dravik', 'Elmsworth'];
const ORG_KINDS = ['Ministry of Finance', 'Port Authority', 'Workers Union', 'Central Bank', 'Water Board', 'Electoral Commission', 'Chamber of Commerce', 'Health Agency', 'Rail Company', 'Farmers Association', 'Teachers Federation', 'Energy Regulator'];
const OUTLETS = ['Harbor Ledger', 'Coastal Wire', 'Bay Daily', 'The Northern Courier', 'Evening Standard-Post', 'Capital Observer', 'Valley Times', 'Metro Herald', 'The Daily Beacon', 'Global Dispatch', 'Riverside Gazette', 'The Continental', 'Morning Chronicle', 'Independent Monitor', 'Weekly Sentinel', 'Public Radio News', 'The Tribune', 'City Journal', 'Frontier Review', 'National Record'];
const TOPICS: { noun: string; verb: string; headline: string; actors: string; cause: string; action: PloverType }[] = [
  { noun: 'strike', verb: 'walked out', headline: 'workers strike over pay', actors: 'workers', cause: 'a dispute over wages', action: 'PROTEST' },
  { noun: 'flood', verb: 'were evacuated', headline: 'floods force evacuations', actors: 'residents', cause: 'days of heavy rain', action: 'AID' },
  { noun: 'summit', verb: 'met for talks', headline: 'leaders meet for talks', actors: 'delegates', cause: 'tensions over trade', action: 'CONSULT' },
  { noun: 'protest', verb: 'marched', headline: 'thousands protest new law', actors: 'protesters', cause: 'a proposed tax on fuel', action: 'PROTEST' },
  { noun: 'fire', verb: 'fled their homes', headline: 'fire destroys warehouse district', actors: 'families', cause: 'an electrical fault', action: 'INVESTIGATE' },
  { noun: 'election', verb: 'voted', headline: 'voters go to the polls', actors: 'voters', cause: 'a snap election', action: 'MOBILIZE' },
  { noun: 'trial', verb: 'gathered outside the court', headline: 'trial of former official opens', actors: 'supporters', cause: 'corruption charges', action: 'ACCUSE' },
  { noun: 'rate decision', verb: 'waited for the announcement', headline: 'central bank raises rates', actors: 'investors', cause: 'rising inflation', action: 'SANCTION' },
];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const QUOTES = [
  'We will not accept an agreement that leaves ordinary people worse off',
  'The situation is under control and the services are working around the clock',
  'This is a difficult day, but we are ready to talk',
  'Nobody warned us, and now we are paying the price',
  'The figures speak for themselves',
  'We expect a decision within days',
  'Our doors remain open to anyone who wants a fair solution',
  'It is too early to say what caused this',
];
const BACKGROUND = [
  'Analysts said the outcome could shape the {org} budget for the rest of the year.',
  'The {org} did not respond to a request for comment by the time of publication.',
  'Similar disputes in {place2} last year ended only after weeks of negotiations.',
  'Local businesses reported losses as roads into the centre of {place} stayed closed.',
  'Opposition politicians called for an independent inquiry into the handling of the {noun}.',
  'Officials said more information would be released at a briefing later in the week.',
  'Residents interviewed in the old town described long queues and shortages of basic goods.',
  'The {noun} is the largest of its kind in the region in more than a decade.',
  'Observers from neighbouring countries were expected to arrive before the weekend.',
  'Figures published by the {org} showed a sharp increase compared with the same month last year.',
  'Several schools in {place} closed early and public transport ran a reduced timetable.',
  'A spokesperson for the regional government said emergency funds had been set aside.',
  'Critics argue that warnings issued months ago were ignored by the authorities.',
  'Talks between the two sides have stalled repeatedly since the spring.',
  'The {org} said it would publish a full report once the review was complete.',
  'Television pictures showed crowds gathering near the main square of {place}.',
];

interface Person { name: string; surname: string; role: string; org: string }
interface Org { name: string }

/** A fixed cast: a few people who recur in many stories (long entity pages) and a long tail. */
const ORGS: Org[] = PLACES.flatMap((place) => pickSome(ORG_KINDS, 3).map((kind) => ({ name: `${place} ${kind}` })));
const PEOPLE: Person[] = Array.from({ length: 600 }, () => {
  const surname = pick(LAST);
  return { name: `${pick(FIRST)} ${surname}`, surname, role: pick(ROLES), org: pick(ORGS).name };
});
const PROMINENT = PEOPLE.slice(0, 12);

/** Writes an article's text while recording the annotations on it. */
class Writer {
  private parts: string[] = [];
  private length = 0;
  private readonly entities = new Map<string, Entity>();
  readonly dates: DateMention[] = [];
  readonly quotes: Quote[] = [];
  /** Offsets of the story's facts in the text (`count`, `began`, `cost`): where events cite them. */
  readonly facts: Record<string, number> = {};

  fact(name: string): void {
    this.facts[name] = this.length;
  }

  write(text: string): void {
    this.parts.push(text);
    this.length += text.length;
  }

  entity(name: string, type: EntityType, options: { surface?: string; role?: string; alias?: string } = {}): void {
    let entity = this.entities.get(name);
    if (!entity) {
      entity = { id: `e${this.entities.size + 1}`, name, type, aliases: [], roles: [], mentions: [] };
      this.entities.set(name, entity);
    }
    const surface = options.surface ?? name;
    if (surface !== name && !entity.aliases.includes(surface)) entity.aliases.push(surface);
    if (options.role && !entity.roles.includes(options.role)) entity.roles.push(options.role);
    entity.mentions.push({ start: this.length, end: this.length + surface.length, text: surface });
    this.write(surface);
  }

  /** First mention: role and full name; later ones: the surname. */
  person(person: Person): void {
    if (this.entities.has(person.name)) this.entity(person.name, 'person', { surface: person.surname });
    else {
      this.write(`${capitalise(person.role)} `);
      this.entity(person.name, 'person', { role: person.role });
    }
  }

  date(text: string, value: string): void {
    this.dates.push({ start: this.length, end: this.length + text.length, text, value });
    this.write(text);
  }

  quote(text: string, speaker: Person): void {
    this.write('"');
    const start = this.length;
    this.write(text);
    const end = this.length;
    this.write('," ');
    this.person(speaker);
    this.write(' said.');
    const entity = this.entities.get(speaker.name)!;
    this.quotes.push({ start, end, text, speaker: speaker.name, speakerEntity: entity.id, cue: 'said', channel: null, kind: 'direct' });
  }

  text(): string {
    return this.parts.join('');
  }

  annotations(): { entities: Entity[]; dates: DateMention[]; quotes: Quote[] } {
    return { entities: [...this.entities.values()], dates: this.dates, quotes: this.quotes };
  }
}

interface Story {
  topic: (typeof TOPICS)[number];
  place: string;
  otherPlace: string;
  day: Date;
  people: Person[];
  orgs: Org[];
  /** The figure sources report; some outlets report a different one (a discrepancy). */
  count: number;
  percent: number;
}

const FIRST_DAY = Date.UTC(2015, 0, 1);
const DAYS = Number(values.days);
const iso = (day: Date) => day.toISOString().slice(0, 10);
const longDate = (day: Date) => `${MONTHS[day.getUTCMonth()]} ${day.getUTCDate()}`;
const capitalise = (text: string) => text[0].toUpperCase() + text.slice(1);

function makeStory(): Story {
  const people = [pick(PROMINENT), ...pickSome(PEOPLE.slice(PROMINENT.length), int(1, 3))];
  return {
    topic: pick(TOPICS),
    place: pick(PLACES),
    otherPlace: pick(PLACES),
    day: new Date(FIRST_DAY + int(0, DAYS) * 86_400_000),
    people,
    orgs: pickSome(ORGS, 2),
    count: int(2, 90) * 100,
    percent: int(2, 15),
  };
}

interface Written {
  article: Article;
  /** The figure this outlet reports. */
  count: number;
  facts: Record<string, number>;
}

/** One outlet's article on the story: 300-600 words in 4-7 paragraphs. */
function writeArticle(story: Story, outlet: string, serial: number): Written {
  const w = new Writer();
  const published = new Date(story.day.getTime() + int(0, 2) * 86_400_000);
  const weekday = WEEKDAYS[story.day.getUTCDay()];
  const count = random() < 0.2 ? story.count + int(1, 9) * 100 : story.count;
  const [lead, second] = story.people;
  const org = story.orgs[0].name;
  const paragraphs: (() => void)[] = [
    () => {
      w.write(`${story.place.toUpperCase()}, `);
      w.date(longDate(published), iso(published));
      w.write(' — ');
      w.fact('count');
      w.write(`About ${count.toLocaleString('en-US')} ${story.topic.actors} ${story.topic.verb} in `);
      w.entity(story.place, 'location');
      w.write(' on ');
      w.date(weekday, iso(story.day));
      w.write(` after ${story.topic.cause}, officials said. `);
      w.person(lead);
      w.write(` said the ${story.topic.noun} would be discussed at an emergency meeting of the `);
      w.entity(org, 'organization');
      w.write('.');
    },
    () => {
      w.quote(pick(QUOTES), lead);
      w.write(' ');
      w.fact('began');
      w.write(`The ${story.topic.noun} began on `);
      w.date(longDate(story.day), iso(story.day));
      w.write(`, according to the `);
      w.entity(story.orgs[1].name, 'organization');
      w.write('. ');
      w.fact('cost');
      w.write(`The agency put the cost at ${story.percent} percent of its annual budget.`);
    },
  ];
  if (second) {
    paragraphs.push(() => {
      w.person(second);
      w.write(` criticised the response and said the ${story.topic.noun} had been expected for weeks. `);
      w.quote(pick(QUOTES), second);
    });
  }
  const words = int(300, 600);
  const background = () => {
    const sentences = pickSome(BACKGROUND, int(3, 6)).map((sentence) =>
      sentence
          .replaceAll('{org}', pick(story.orgs).name)
          .replaceAll('{place2}', story.otherPlace)
          .replaceAll('{place}', story.place)
          .replaceAll('{noun}', story.topic.noun),
    );
    w.write(sentences.join(' '));
  };
  paragraphs.forEach((paragraph, index) => {
    if (index > 0) w.write('\n\n');
    paragraph();
  });
  while (w.text().split(/\s+/).length < words) {
    w.write('\n\n');
    background();
  }
  const text = w.text();
  const title = `${capitalise(story.topic.headline)} in ${story.place}`;
  const source = `bench/${outlet.toLowerCase().replace(/[^a-z]+/g, '-')}/${serial}.html`;
  const article: Article = {
    id: contentId(source, text),
    source,
    status: 'ok',
    url: `https://news.example/${iso(published)}/${serial}`,
    title: random() < 0.5 ? title : `${story.place}: ${story.topic.headline}`,
    publisher: outlet,
    published: iso(published),
    byline: `${pick(FIRST)} ${pick(LAST)}`,
    dateline: `${story.place.toUpperCase()}, ${longDate(published)}`,
    agencies: [],
    language: 'en',
    text,
    captions: random() < 0.5 ? [`A view of ${story.place} on ${weekday}.`] : [],
    comments: [],
    removed: [{ text: 'Subscribe to our newsletter', reason: 'boilerplate: call to action' }],
    messages: [],
    ...w.annotations(),
  };
  return { article, count, facts: w.facts };
}

const contentId = (source: string, text: string) => createHash('sha256').update(`${source}\n${text}`).digest('hex').slice(0, 16);

/** A syndicated re-post of another outlet's article: the same text under another name. */
function repost(original: Article, outlet: string, serial: number): Article {
  const source = `bench/${outlet.toLowerCase().replace(/[^a-z]+/g, '-')}/${serial}.html`;
  return { ...original, id: contentId(source, original.text), source, publisher: outlet, agencies: [original.publisher ?? ''] };
}

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** The sentence of `sentences` that holds offset `at`, as a citation. */
function cite(article: Article, sentences: Sentence[], at: number): Citation {
  const index = sentences.findIndex((sentence) => sentence.end > at);
  return { article: article.id, sentence: index, start: sentences[index].start, end: sentences[index].end };
}

/** Whom each prominent person's latest event was: the next event with them joins it in a series. */
const latestWith = new Map<string, DossierEvent>();

function storyEvent(story: Story, written: Written[], copies: Article[]): DossierEvent {
  const independent = written.map((w) => w.article);
  const all = [...independent, ...copies];
  const sentences = new Map(independent.map((article) => [article.id, splitSentences(article.text)]));
  const citeFact = (w: Written, fact: string) => cite(w.article, sentences.get(w.article.id)!, w.facts[fact]);
  const participants = new Map<string, Participant>();
  for (const article of all) {
    for (const entity of article.entities ?? []) {
      const id = `${entity.type}-${slug(entity.name)}`;
      const participant = participants.get(id) ?? { id, name: entity.name, type: entity.type, aliases: [], roles: [], articles: [] };
      for (const alias of entity.aliases) if (!participant.aliases.includes(alias)) participant.aliases.push(alias);
      for (const role of entity.roles) if (!participant.roles.includes(role)) participant.roles.push(role);
      participant.articles.push(article.id);
      participants.set(id, participant);
    }
  }
  const quotes = new Map<string, AlignedQuote>();
  for (const article of independent) {
    for (const quote of article.quotes ?? []) {
      const key = `${quote.speaker}\n${quote.text}`;
      const aligned = quotes.get(key) ?? { text: quote.text, speaker: quote.speaker, articles: [], variants: [] };
      aligned.articles.push(article.id);
      aligned.variants.push({ article: article.id, text: quote.text, start: quote.start, end: quote.end });
      quotes.set(key, aligned);
    }
  }
  const figures = new Map<number, Written[]>();
  for (const w of written) figures.set(w.count, [...(figures.get(w.count) ?? []), w]);
  const claim = (fact: string, writers: Written[], status: Claim['status']): Claim => {
    const evidence = writers.map((w) => citeFact(w, fact));
    return { text: evidence[0] && sentences.get(evidence[0].article)![evidence[0].sentence].text, status, articles: writers.map((w) => w.article.id), evidence };
  };
  const byFigure = [...figures.values()].sort((a, b) => b.length - a.length);
  const claims: Claim[] = [
    claim('count', byFigure[0], byFigure.length > 1 ? 'contradicted' : written.length > 1 ? 'agreed' : 'single'),
    claim('began', written, written.length > 1 ? 'agreed' : 'single'),
    claim('cost', written.slice(0, 1), 'single'),
  ];
  // Each outlet's closing background lines: claims no other source makes.
  for (const w of written) {
    for (const sentence of sentences.get(w.article.id)!.slice(-2)) {
      claims.push({ text: sentence.text, status: 'single', articles: [w.article.id], evidence: [cite(w.article, sentences.get(w.article.id)!, sentence.start)] });
    }
  }
  if (byFigure.length > 1) claims[0].evidence.push(...byFigure.slice(1).flatMap((ws) => ws.map((w) => citeFact(w, 'count'))));
  const [lead] = written;
  const times = all.map((article) => `${article.published}T08:00:00.000Z`).sort();
  const event: DossierEvent = {
    id: `event-${contentId('event', all.map((article) => article.id).join(' '))}`,
    title: lead.article.title ?? story.topic.headline,
    date: iso(story.day),
    location: story.place,
    articles: all.map((article) => ({
      id: article.id,
      title: article.title,
      publisher: article.publisher,
      published: article.published,
      independent: !copies.includes(article),
      duplicateOf: copies.includes(article) ? lead.article.id : null,
    })),
    duplicates: copies.map((copy) => ({ id: copy.id, duplicateOf: lead.article.id })),
    participants: [...participants.values()],
    quotes: [...quotes.values()],
    actions: [
      {
        actor: story.people[0].name,
        type: story.topic.action,
        mode: null,
        target: story.orgs[0].name,
        date: iso(story.day),
        location: story.place,
        evidence: [citeFact(lead, 'count')],
      },
    ],
    claims,
    discrepancies:
      byFigure.length > 1
        ? [
            {
              about: `number of ${story.topic.actors}`,
              values: byFigure.map((ws) => ({
                value: ws[0].count.toLocaleString('en-US'),
                articles: ws.map((w) => w.article.id),
                evidence: ws.map((w) => citeFact(w, 'count')),
              })),
            },
          ]
        : [],
    framing: [],
    related: [],
    firstSeen: times[0],
    lastUpdated: times[times.length - 1],
  };
  const previous = latestWith.get(story.people[0].name);
  if (previous) {
    event.related.push({ id: previous.id, title: previous.title, date: previous.date, location: previous.location, relation: 'series', evidence: [] });
  }
  latestWith.set(story.people[0].name, event);
  return event;
}

const store = new SqliteStore(values.db);
const started = performance.now();
/** How many of the last stored stories the held-out articles may follow up. */
const RECENT_STORIES = 200;
const recent: { story: Story; outlets: string[] }[] = [];
const events: DossierEvent[] = [];
let articles = 0;
let serial = 0;
while (articles < articleTarget) {
  const story = makeStory();
  const outlets = pickSome(OUTLETS, Math.min(int(3, 6), articleTarget - articles));
  // About one story in six also has a syndicated re-post of its first article.
  const copyOutlet = outlets.length > 1 && random() < 1 / 6 ? outlets.pop()! : null;
  const written = outlets.map((outlet) => writeArticle(story, outlet, ++serial));
  const copies = copyOutlet ? [repost(written[0].article, copyOutlet, ++serial)] : [];
  for (const article of [...written.map((w) => w.article), ...copies]) await store.putArticle(article);
  recent.push({ story, outlets: [...outlets, ...(copyOutlet ? [copyOutlet] : [])] });
  if (recent.length > RECENT_STORIES) recent.shift();
  events.push(storyEvent(story, written, copies));
  const before = articles;
  articles += written.length + copies.length;
  if (Math.floor(articles / 10_000) > Math.floor(before / 10_000)) {
    console.error(`${articles} articles, ${events.length} events, ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
}
await store.replaceEvents(events);
await store.close();

if (holdOut > 0) {
  // Stories stored last, with the outlets that covered them: further outlets' reports of them join stored events.
  const lines: string[] = [];
  const record = (article: Article) =>
    JSON.stringify({ url: article.url, title: article.title ?? undefined, published: article.published ?? undefined, text: article.text });
  while (lines.length < holdOut) {
    if (lines.length % 3 === 0 && recent.length > 0) {
      const { story, outlets } = pick(recent);
      const outlet = OUTLETS.find((name) => !outlets.includes(name));
      if (outlet) {
        outlets.push(outlet);
        lines.push(record(writeArticle(story, outlet, ++serial).article));
        continue;
      }
    }
    const story = makeStory();
    const outlets = pickSome(OUTLETS, Math.min(int(3, 6), holdOut - lines.length));
    const copyOutlet = outlets.length > 1 && random() < 1 / 6 ? outlets.pop()! : null;
    const written = outlets.map((outlet) => writeArticle(story, outlet, ++serial).article);
    const copies = copyOutlet ? [repost(written[0], copyOutlet, ++serial)] : [];
    for (const article of [...written, ...copies]) lines.push(record(article));
  }
  writeFileSync(values['hold-out-file']!, `${lines.slice(0, holdOut).join('\n')}\n`);
}
console.log(
  JSON.stringify({ db: values.db, articles, events: events.length, seconds: Math.round((performance.now() - started) / 1000) }),
)
