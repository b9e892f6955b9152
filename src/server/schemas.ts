// Zod schemas for every request parameter and response body: they validate input and are the
// source of the OpenAPI document at /api/openapi.json.
import { z } from '@hono/zod-openapi';

/** Query strings from HTML forms send empty fields as `name=`: treat those as absent. */
function optionalField<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
}

/**
 * A whole number written in decimal digits, within bounds. `z.coerce.number()` would accept "0x10", "1e3" and
 * " 7", and a parameter given twice arrives as an array that it turned into NaN.
 */
function wholeNumber(min: number, max?: number) {
  const bounded = max === undefined ? z.number().int().min(min) : z.number().int().min(min).max(max);
  return z
    .string({ error: (issue) => (Array.isArray(issue.input) ? 'given more than once' : 'expected a whole number') })
    .regex(/^[0-9]{1,15}$/, 'expected a whole number in decimal digits')
    .transform(Number)
    .pipe(bounded);
}

const isoDay = z.iso.date({ error: 'expected a date as YYYY-MM-DD' });

export const EventIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(200, 'event id is at most 200 characters')
    .openapi({ param: { name: 'id', in: 'path' }, example: 'ev-2025-06-11-strike' }),
});

export const ArticleIdParam = z.object({
  id: z
    .string()
    .regex(/^[0-9a-f]{16}$/, 'article id is 16 lowercase hex characters')
    .openapi({ param: { name: 'id', in: 'path' }, example: 'a1b2c3d4e5f60718' }),
});

export const EntityIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(200, 'participant id is at most 200 characters')
    .openapi({ param: { name: 'id', in: 'path' }, example: 'marta-kovel' }),
});

/** Largest page the list endpoints return at once. */
export const MAX_PAGE_SIZE = 500;
const DEFAULT_PAGE_SIZE = 50;

export const EventQuery = z
  .strictObject({
    q: optionalField(z.string().max(500, 'q is at most 500 characters')).openapi({
      description: 'Words that must all appear, as words or word beginnings, in the title, place, participants, claims or quotes',
    }),
    from: optionalField(isoDay).openapi({ description: 'Earliest event date, inclusive (YYYY-MM-DD)' }),
    to: optionalField(isoDay).openapi({ description: 'Latest event date, inclusive (YYYY-MM-DD)' }),
    participant: optionalField(z.string().max(200)).openapi({
      description: "A participant id, or part of a participant's name or alias",
    }),
    place: optionalField(z.string().max(200)).openapi({ description: "Part of the event's location" }),
    source: optionalField(z.string().max(200)).openapi({ description: "An article id, or part of a publisher's name" }),
    minSources: optionalField(wholeNumber(0, 10_000)).openapi({
      description: 'Fewest independent sources',
    }),
    limit: optionalField(wholeNumber(1, MAX_PAGE_SIZE)).openapi({
      description: `Page size (default ${DEFAULT_PAGE_SIZE})`,
    }),
    offset: optionalField(wholeNumber(0)).openapi({ description: 'Events to skip' }),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    message: 'from must not be after to',
    path: ['from'],
  });

export type EventQueryValue = z.infer<typeof EventQuery>;

export function pageOf(query: { limit?: number; offset?: number }): { limit: number; offset: number } {
  return { limit: query.limit ?? DEFAULT_PAGE_SIZE, offset: query.offset ?? 0 };
}

export const SearchQuery = z.strictObject({
  q: z
    .string({ error: 'q is required' })
    .trim()
    .min(1, 'q must not be empty')
    .max(500, 'q is at most 500 characters')
    .openapi({ description: 'Words to find in article titles and text' }),
  limit: optionalField(wholeNumber(1, 100)).openapi({ description: 'Hits to return (default 20)' }),
});

export const NoQuery = z.strictObject({});

export const EventPageQuery = z.strictObject({
  sources: optionalField(wholeNumber(1, 100_000)).openapi({ description: 'Page of sources shown side by side (default 1)' }),
  claims: optionalField(wholeNumber(1, 100_000)).openapi({ description: 'Page of claims in the claim matrix (default 1)' }),
});

export const ErrorBody = z.object({ error: z.string() }).openapi('Error');

const Span = { start: z.number().int(), end: z.number().int() };
const EntityType = z.enum(['person', 'organization', 'location']);

export const ArticleSchema = z
  .object({
    id: z.string(),
    source: z.string(),
    status: z.enum(['ok', 'rejected']),
    reason: z.string().optional(),
    url: z.string().nullable(),
    title: z.string().nullable(),
    publisher: z.string().nullable(),
    published: z.string().nullable(),
    byline: z.string().nullable(),
    dateline: z.string().nullable(),
    agencies: z.array(z.string()),
    language: z.string().nullable(),
    text: z.string(),
    captions: z.array(z.string()),
    comments: z.array(z.object({ author: z.string(), text: z.string() })),
    removed: z.array(z.object({ text: z.string(), reason: z.string() })),
    messages: z.array(z.object({ level: z.enum(['reject', 'warn', 'info']), stage: z.string(), reason: z.string() })),
    entities: z
      .array(
        z.object({
          id: z.string(),
          name: z.string(),
          type: EntityType,
          aliases: z.array(z.string()),
          roles: z.array(z.string()),
          mentions: z.array(z.object({ ...Span, text: z.string() })),
        }),
      )
      .optional(),
    dates: z.array(z.object({ ...Span, text: z.string(), value: z.string().nullable() })).optional(),
    quotes: z
      .array(
        z.object({
          ...Span,
          text: z.string(),
          speaker: z.string().nullable(),
          speakerEntity: z.string().nullable(),
          cue: z.string().nullable(),
          channel: z.string().nullable(),
          kind: z.enum(['direct', 'indirect']),
        }),
      )
      .optional(),
  })
  .openapi('Article');

const Citation = z
  .object({ article: z.string(), sentence: z.number().int(), ...Span })
  .openapi('Citation', { description: 'A sentence of an article; link as /articles/{article}#s{sentence}' });

const ClaimStatement = z
  .object({
    article: z.string(),
    text: z.string(),
    ...Span,
    citation: Citation,
    who: z.array(z.string()),
    predicate: z.string().nullable(),
    lemma: z.string().nullable(),
    kind: z.string(),
    toWhom: z.array(z.string()),
    quantities: z.array(
      z.object({
        text: z.string(),
        value: z.number(),
        low: z.number().nullable(),
        high: z.number().nullable(),
        dimension: z.enum(['percent', 'percentage-points', 'currency', 'count']),
        unit: z.string(),
      }),
    ),
    day: z.string().nullable(),
    place: z.string().nullable(),
    negated: z.boolean(),
    hedge: z.string().nullable(),
    attribution: z.string().nullable(),
  })
  .openapi('ClaimStatement', { description: "One source's own wording of a claim, read into slots" });

const Claim = z
  .object({
    text: z.string(),
    status: z.enum(['agreed', 'contradicted', 'updated', 'single', 'attributed']),
    articles: z.array(z.string()),
    evidence: z.array(Citation),
    id: z.string().optional(),
    statements: z.array(ClaimStatement).optional(),
    attribution: z.string().nullable().optional(),
    progression: z.array(z.object({ value: z.string(), published: z.string().nullable(), articles: z.array(z.string()) })).optional(),
  })
  .openapi('Claim');

const Discrepancy = z.object({
  about: z.string(),
  values: z.array(z.object({ value: z.string(), articles: z.array(z.string()), evidence: z.array(Citation) })),
  claim: z.string().optional(),
  slot: z.enum(['quantity', 'day', 'place']).optional(),
});

const ListedClaim = z.object({ claim: z.string(), text: z.string() });
const Framing = z.object({
  article: z.string(),
  publisher: z.string().nullable(),
  terms: z.array(z.string()),
  onlyHere: z.object({ count: z.number().int(), claims: z.array(ListedClaim) }).optional(),
  leftOut: z.object({ count: z.number().int(), claims: z.array(ListedClaim.extend({ articles: z.number().int() })) }).optional(),
  voices: z.array(z.object({ speaker: z.string(), quotes: z.number().int(), share: z.number() })).optional(),
  attributions: z.array(z.object({ to: z.string(), kind: z.enum(['news agency', 'official', 'other']), statements: z.number().int() })).optional(),
  wording: z.array(z.object({ claim: z.string(), own: z.string(), words: z.array(z.string()), others: z.array(z.object({ article: z.string(), text: z.string() })) })).optional(),
});

const EventArticle = z.object({
  id: z.string(),
  title: z.string().nullable(),
  publisher: z.string().nullable(),
  published: z.string().nullable(),
  independent: z.boolean(),
  duplicateOf: z.string().nullable(),
});

const Participant = z
  .object({
    id: z.string(),
    name: z.string(),
    type: EntityType,
    aliases: z.array(z.string()),
    roles: z.array(z.string()),
    articles: z.array(z.string()),
  })
  .openapi('Participant');

const AlignedQuote = z.object({
  text: z.string(),
  speaker: z.string().nullable(),
  articles: z.array(z.string()),
  variants: z.array(z.object({ article: z.string(), text: z.string(), ...Span, differs: z.array(z.object(Span)).optional() })),
  kind: z.enum(['direct', 'indirect']).optional(),
  rendered: z.string().optional(),
});

export const DossierEventSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    date: z.string().nullable(),
    location: z.string().nullable(),
    articles: z.array(EventArticle),
    duplicates: z.array(z.object({ id: z.string(), duplicateOf: z.string() })),
    participants: z.array(Participant),
    quotes: z.array(AlignedQuote),
    actions: z.array(
      z.object({
        actor: z.string().nullable(),
        type: z.enum([
          'AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST', 'ACCUSE', 'REJECT',
          'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT', 'DEMAND', 'DISAPPROVE', 'INVESTIGATE',
          'FIGHT',
        ]),
        mode: z.string().nullable(),
        target: z.string().nullable(),
        date: z.string().nullable(),
        location: z.string().nullable(),
        evidence: z.array(Citation),
      }),
    ),
    claims: z.array(Claim),
    discrepancies: z.array(Discrepancy),
    framing: z.array(Framing),
    related: z.array(
      z.object({
        id: z.string().nullable(),
        title: z.string(),
        date: z.string().nullable(),
        location: z.string().nullable(),
        relation: z.enum(['series', 'referenced']),
        evidence: z.array(Citation),
      }),
    ),
    firstSeen: z.string(),
    lastUpdated: z.string(),
  })
  .openapi('DossierEvent');

const Brief = z
  .object({
    eventId: z.string(),
    headline: z.string(),
    when: z.string().nullable(),
    where: z.string().nullable(),
    who: z.array(z.object({ id: z.string(), name: z.string(), type: z.string(), roles: z.array(z.string()) })),
    whatHappened: z.array(z.object({ text: z.string(), citation: Citation })),
    keyQuotes: z.array(z.object({ text: z.string(), speaker: z.string().nullable(), articles: z.array(z.string()) })),
    agreements: z.array(Claim),
    contradictions: z.object({ claims: z.array(Claim), discrepancies: z.array(Discrepancy) }),
    singleSource: z.array(Claim),
    outletDifferences: z.array(Framing),
    timeline: z.array(
      z.object({
        date: z.string().nullable(),
        label: z.string(),
        kind: z.enum(['event', 'referenced', 'series', 'report']),
        eventId: z.string().nullable(),
        evidence: z.array(Citation),
      }),
    ),
    sources: z.array(
      z.object({
        number: z.number().int(),
        id: z.string(),
        title: z.string().nullable(),
        publisher: z.string().nullable(),
        published: z.string().nullable(),
        url: z.string().nullable(),
        independent: z.boolean(),
        duplicateOf: z.string().nullable(),
      }),
    ),
  })
  .openapi('Brief', { description: 'The cited brief of the event (what happened, quotes, agreement, timeline)' });

const EventSummary = z
  .object({
    id: z.string(),
    title: z.string(),
    date: z.string().nullable(),
    location: z.string().nullable(),
    independentSources: z.number().int(),
    articleCount: z.number().int(),
    publishers: z.array(z.string()),
    participants: z.array(z.object({ id: z.string(), name: z.string(), type: EntityType })),
    lastUpdated: z.string(),
  })
  .openapi('EventSummary');

export const EventListBody = z.object({ total: z.number().int(), events: z.array(EventSummary) });

const SentenceSchema = z.object({ ...Span, text: z.string() });

export const EventDetailBody = z.object({
  event: DossierEventSchema,
  brief: Brief,
  sources: z.array(
    z.object({
      meta: EventArticle,
      available: z.boolean().openapi({ description: 'False when the store no longer holds the article' }),
      citedSentences: z.array(SentenceSchema.extend({ index: z.number().int() })),
    }),
  ),
});

export const ArticleDetailBody = z.object({
  article: ArticleSchema,
  sentences: z.array(SentenceSchema),
  events: z.array(z.object({ id: z.string(), title: z.string(), date: z.string().nullable() })),
  duplicates: z.array(z.object({ id: z.string(), relation: z.enum(['copy', 'original']), event: z.string() })),
  participants: z.array(z.object({ id: z.string(), name: z.string(), aliases: z.array(z.string()) })),
});

export const EntityDetailBody = z
  .object({
    id: z.string(),
    name: z.string(),
    type: EntityType,
    aliases: z.array(z.string()),
    roles: z.array(z.object({ role: z.string(), first: z.string().nullable(), events: z.array(z.string()) })),
    events: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        date: z.string().nullable(),
        location: z.string().nullable(),
        roles: z.array(z.string()),
      }),
    ),
    quotes: z.array(AlignedQuote.extend({ event: z.string(), date: z.string().nullable() })),
  })
  .openapi('Entity');

export const SearchBody = z.object({
  hits: z.array(
    z.object({
      id: z.string(),
      source: z.string(),
      title: z.string().nullable(),
      published: z.string().nullable(),
      snippet: z.string().openapi({ description: 'Excerpt with matched terms wrapped in [ and ]' }),
      score: z.number(),
    }),
  ),
});

export const IngestForm = z.object({
  files: z
    .union([z.instanceof(File), z.array(z.instanceof(File))])
    .openapi({ type: 'array', items: { type: 'string', format: 'binary' }, description: 'Files to ingest' }),
});

export const IngestBody = z.object({
  files: z.number().int(),
  ok: z.number().int(),
  rejected: z.number().int(),
  known: z.number().int().openapi({ description: 'Articles the store already had' }),
  rejectedFiles: z.array(z.object({ source: z.string(), reason: z.string() })),
  failed: z.array(z.object({ source: z.string(), reason: z.string() })).openapi({ description: 'URLs that could not be fetched (none for uploads)' }),
  added: z.array(z.string()).openapi({ description: 'Ids of the articles stored' }),
  events: z.number().int().openapi({ description: 'Events in the store after the upload' }),
});

export const MovedBody = z.object({
  movedTo: z.string().openapi({ description: 'The id the event has now' }),
});

export const AssetParam = z.object({
  name: z
    .enum(['app.css', 'app.js', 'chart.umd.min.js'], { error: 'no such asset' })
    .openapi({ param: { name: 'name', in: 'path' } }),
});
