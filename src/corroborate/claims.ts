// Claims across sources: every clause of the independent sources is a statement (statements.ts);
// statements of different sources that state the same thing are grouped by the same-claim model
// (paraphrase.ts), read with their figures, days and places masked, so wording may differ and values
// are compared afterwards slot by slot. Each group gets a verdict: agreed, contradicted, updated
// (a figure that moves with publication time), single or attributed.
import type { Article } from '../types.js';
import type { Citation, Claim, ClaimStatement, ClaimStatus, Discrepancy } from '../events/types.js';
import { compatibleQuantities, formatQuantity, sameSlot, type Quantity } from './quantities.js';
import { SameClaimScorer } from './paraphrase.js';
import { extractStatements, type StatementRecord } from './statements.js';
import { foldAccents } from './normalize.js';
import type { SentenceIndex } from './sentences.js';
import { isAgency } from '../metadata/text.js';
import { stemmer } from 'stemmer';

export interface ClaimResult {
  claims: Claim[];
  discrepancies: Discrepancy[];
}

export interface ClaimOptions {
  scorer?: SameClaimScorer;
  /** Probability from which two statements are one claim; defaults to the model's alignment threshold. */
  alignThreshold?: number;
  /** The same for two statements that state one specific figure; defaults to the model's. */
  sharedFigureThreshold?: number;
}

/** Statements of one other article each statement is scored against (by IDF cosine, best first).
 *  Set by hand for speed: an outlet rarely states one claim in more than two sentences. */
export const CANDIDATES_PER_ARTICLE = 2;

interface Group {
  members: number[];
}


/** Average-link agglomeration over the scored pairs (unscored pairs count as 0): a group of four
 *  sources holds only when its sources mostly match each other, not through one chain of pairs. */
function groupStatements(records: StatementRecord[], scorer: SameClaimScorer, threshold: number, sharedFigureThreshold: number): Group[] {
  const scores = new Map<number, number>();
  const key = (i: number, j: number) => (i < j ? i * records.length + j : j * records.length + i);
  const edges: { i: number; j: number; p: number }[] = [];
  const minCosine = scorer.model.minCandidateCosine;
  // Blocking: each statement is scored against its few most similar statements (IDF cosine, through an
  // inverted index of stems) in each other article, and against every statement sharing a figure or
  // reporting the same act with it.
  const candidates = new Set<number>();
  const postings = new Map<string, { index: number; weight: number }[]>();
  const vectors = records.map((record) => scorer.unitWeights(record.statement.text));
  vectors.forEach((vector, index) => {
    for (const [stem, weight] of vector) {
      const list = postings.get(stem);
      if (list) list.push({ index, weight });
      else postings.set(stem, [{ index, weight }]);
    }
  });
  const withFigures = records.map((_, index) => index).filter((index) => records[index].quantities.length > 0);
  const cosines = new Float64Array(records.length);
  for (let i = 0; i < records.length; i++) {
    cosines.fill(0);
    for (const [stem, weight] of vectors[i]) for (const posting of postings.get(stem)!) cosines[posting.index] += weight * posting.weight;
    const best = new Map<string, { j: number; cosine: number }[]>();
    for (let j = 0; j < records.length; j++) {
      if (cosines[j] < minCosine || records[j].statement.article === records[i].statement.article) continue;
      const list = best.get(records[j].statement.article) ?? [];
      list.push({ j, cosine: cosines[j] });
      best.set(records[j].statement.article, list);
    }
    for (const list of best.values()) {
      list.sort((a, b) => b.cosine - a.cosine);
      for (const { j } of list.slice(0, CANDIDATES_PER_ARTICLE)) candidates.add(key(i, j));
    }
  }
  for (const i of withFigures) {
    for (const j of withFigures) {
      if (j > i && records[i].statement.article !== records[j].statement.article && sharesFigure(records[i].quantities, records[j].quantities)) candidates.add(key(i, j));
    }
  }
  const dated = records.map((_, index) => index).filter((index) => records[index].statement.day && records[index].statement.kind !== 'STATE');
  for (const i of dated) {
    for (const j of dated) {
      if (j > i && records[i].statement.article !== records[j].statement.article && sameFrame(records[i].statement, records[j].statement)) candidates.add(key(i, j));
    }
  }
  const known = new Map<string, number>();
  for (const pair of candidates) {
    const i = Math.floor(pair / records.length);
    const j = pair % records.length;
    const figure = sharesFigure(records[i].quantities, records[j].quantities);
    // The same words in two sources (a shared wire sentence) need no model; other pairs are scored once per text pair.
    const textKey = `${records[i].statement.text}\u0000${records[j].statement.text}`;
    let p = known.get(textKey);
    if (p === undefined) {
      if (records[i].statement.text === records[j].statement.text) p = 1;
      else {
        // The plain text carries agreeing figures as evidence; the masked text lets differing figures,
        // days and places read alike, to be compared slot by slot afterwards.
        const plain = records[i].masked === records[i].statement.text && records[j].masked === records[j].statement.text;
        p = scorer.probability(records[i].masked, records[j].masked);
        if (!plain) p = Math.max(p, scorer.probability(records[i].statement.text, records[j].statement.text));
      }
      known.set(textKey, p);
    }
    // Stating a specific figure of one kind is evidence of its own: such a pair meets a lower bar. The same
    // act by the same participants on the same day is the same claim however it is worded. Either lifts
    // the score to the plain bar, so that average linkage treats the pair as a match.
    if (p < threshold && ((figure && p >= sharedFigureThreshold) || sameFrame(records[i].statement, records[j].statement))) p = threshold;
    scores.set(pair, p);
    if (p >= threshold) edges.push({ i, j, p });
  }
  edges.sort((a, b) => b.p - a.p);
  const groupOf = records.map((_, index) => index);
  const groups = new Map<number, number[]>(records.map((_, index) => [index, [index]]));
  // Average linkage over sources: for each pair of articles across the two groups, the best score between
  // their statements (a source that words the claim twice counts once), averaged.
  const linkage = (a: number[], b: number[]): number => {
    const best = new Map<string, number>();
    for (const i of a) {
      for (const j of b) {
        const [x, y] = [records[i].statement.article, records[j].statement.article];
        if (x === y) continue;
        const pair = x < y ? `${x}\u0000${y}` : `${y}\u0000${x}`;
        best.set(pair, Math.max(best.get(pair) ?? 0, scores.get(key(i, j)) ?? 0));
      }
    }
    let sum = 0;
    for (const score of best.values()) sum += score;
    return best.size ? sum / best.size : 0;
  };
  for (const edge of edges) {
    const [ga, gb] = [groupOf[edge.i], groupOf[edge.j]];
    if (ga === gb) continue;
    const a = groups.get(ga)!;
    const b = groups.get(gb)!;
    if (linkage(a, b) < threshold) continue;
    for (const member of b) groupOf[member] = ga;
    a.push(...b);
    groups.delete(gb);
  }
  return [...groups.values()].map((members) => ({ members: members.sort((x, y) => x - y) }));
}

/** A figure specific enough that two statements giving it are likely about one thing: a percentage,
 *  a sum of money, or a count of at least 100 (small counts, "two leaders", are everywhere). */
export const MIN_SPECIFIC_COUNT = 100;

function specific(q: Quantity): boolean {
  return q.dimension !== 'count' || q.value >= MIN_SPECIFIC_COUNT || !Number.isInteger(q.value);
}

const bounded = (q: Quantity) => Number.isFinite(q.low) && Number.isFinite(q.high);

/** Both state a specific figure of one kind: a percentage, a sum in one currency, or a count of the same
 *  measure, whether the values agree or not (a rate of 18% and one of 16% are about one thing). */
export function sharesFigure(a: Quantity[], b: Quantity[]): boolean {
  return a.some((qa) =>
    specific(qa) &&
    b.some((qb) => {
      if (!specific(qb) || qa.dimension !== qb.dimension || (qa.dimension === 'currency' && qa.unit !== qb.unit)) return false;
      const agree = bounded(qa) && bounded(qb) ? compatibleQuantities(qa, qb) : qa.value === qb.value && qa.low === qb.low && qa.high === qb.high;
      return agree || (qa.measure.length > 0 && qb.measure.length > 0 && sameSlot(qa, qb));
    }),
  );
}

const surname = (name: string) => foldAccents(name).toLowerCase().split(/\s+/).at(-1) ?? '';

/** Two statements report one act: the same PLOVER type, on the same day, at the same place where both
 *  name one, with a participant in common ("held talks with" / "met"). */
export function sameFrame(a: ClaimStatement, b: ClaimStatement): boolean {
  if (a.kind === 'STATE' || a.kind === 'STATEMENT' || a.kind !== b.kind || !a.day || a.day !== b.day) return false;
  if (a.place && b.place && foldAccents(a.place).toLowerCase() !== foldAccents(b.place).toLowerCase()) return false;
  const names = new Set([...a.who, ...a.toWhom].map(surname));
  return [...b.who, ...b.toWhom].some((name) => names.has(surname(name)));
}

interface Conflict {
  slot: 'quantity' | 'day' | 'place';
  values: { value: string; records: StatementRecord[]; quantity?: Quantity }[];
}

const dayCompatible = (a: string, b: string) => a.startsWith(b) || b.startsWith(a);

/** Splits the group's statements by one slot's values, keeping only sources that state one value and
 *  none of the others anywhere in their article (a source giving both tells two things apart). */
function slotConflicts(records: StatementRecord[], byArticle: Map<string, StatementRecord[]>, articleText: Map<string, string>): Conflict[] {
  const conflicts: Conflict[] = [];
  // Figures: cluster the group's quantities by slot, then by compatible value.
  const quantities = records.flatMap((record) => record.quantities.map((quantity) => ({ record, quantity })));
  const usedSlots: { quantity: Quantity; items: typeof quantities }[] = [];
  for (const item of quantities) {
    const slot = usedSlots.find((candidate) => sameSlot(candidate.quantity, item.quantity));
    if (slot) slot.items.push(item);
    else usedSlots.push({ quantity: item.quantity, items: [item] });
  }
  for (const slot of usedSlots) {
    const values: Conflict['values'] = [];
    for (const item of [...slot.items].sort((a, b) => a.quantity.high - a.quantity.low - (b.quantity.high - b.quantity.low))) {
      const value = values.find((candidate) => compatibleQuantities(candidate.quantity!, item.quantity));
      if (value) value.records.push(item.record);
      else values.push({ value: formatQuantity(item.quantity), records: [item.record], quantity: item.quantity });
    }
    // Only a figure stated as a value counts as knowing it: "at least 10" fits 18 without stating it.
    const knows = (article: string, quantity: Quantity) =>
      (byArticle.get(article) ?? []).some((record) => record.quantities.some((q) => Number.isFinite(q.low) && Number.isFinite(q.high) && sameSlot(q, quantity) && compatibleQuantities(q, quantity)));
    const disputed = disputedValues(values, (article, value) => knows(article, value.quantity!));
    if (disputed) conflicts.push({ slot: 'quantity', values: disputed });
  }
  // Days and places: one value per statement.
  for (const slot of ['day', 'place'] as const) {
    const values: Conflict['values'] = [];
    for (const record of records) {
      const value = slot === 'day' ? record.statement.day : record.placeKey;
      if (!value) continue;
      const known = values.find((candidate) => (slot === 'day' ? dayCompatible(candidate.value, value) : candidate.value === value));
      if (known) known.records.push(record);
      else values.push({ value, records: [record] });
    }
    if (values.length < 2) continue;
    const knows = (article: string, value: Conflict['values'][number]) =>
      slot === 'day'
        ? (byArticle.get(article) ?? []).some((record) => record.statement.day && dayCompatible(record.statement.day, value.value))
        : value.records.some((record) => mentions(articleText.get(article) ?? '', record.statement.place ?? ''));
    const disputed = disputedValues(values, knows);
    if (disputed) conflicts.push({ slot, values: disputed.map((value) => ({ ...value, value: slot === 'day' ? value.value : value.records[0].statement.place ?? value.value })) });
  }
  return conflicts;
}

/** Values two sources disagree on: for a pair of values, a source stating each that does not also state
 *  the other ("from 10.75% to 11.25%" knows 10.75% and disputes nothing about it). Each disputed value
 *  keeps only the sources that state it and not the value it is disputed against; null when none. */
function disputedValues(values: Conflict['values'], knows: (article: string, value: Conflict['values'][number]) => boolean): Conflict['values'] | null {
  const kept = new Map<Conflict['values'][number], Set<StatementRecord>>();
  values.forEach((x, i) => {
    values.forEach((y, j) => {
      if (j <= i) return;
      const forX = x.records.filter((record) => !knows(record.statement.article, y));
      const forY = y.records.filter((record) => !knows(record.statement.article, x));
      const articlesX = new Set(forX.map((record) => record.statement.article));
      if (forX.length === 0 || forY.length === 0 || forY.every((record) => articlesX.has(record.statement.article))) return;
      for (const [value, records] of [[x, forX], [y, forY]] as const) {
        const set = kept.get(value) ?? new Set<StatementRecord>();
        for (const record of records) set.add(record);
        kept.set(value, set);
      }
    });
  });
  if (kept.size < 2) return null;
  return values.filter((value) => kept.has(value)).map((value) => ({ ...value, records: value.records.filter((record) => kept.get(value)!.has(record)) }));
}

function mentions(text: string, name: string): boolean {
  if (!name) return false;
  const escaped = foldAccents(name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}])${escaped}(?![\\p{L}])`, 'u').test(foldAccents(text));
}

/** A count that only grows as reports come in (a toll): ordered by publication time, each source's
 *  figure is at least the one published before it, and the sources were published at different times.
 *  Then the figures are a progression, not a dispute. */
function progressionOf(conflict: Conflict, members: StatementRecord[]): Claim['progression'] | null {
  if (conflict.slot !== 'quantity' || conflict.values.some((value) => value.quantity?.dimension !== 'count')) return null;
  const slot = conflict.values[0].quantity!;
  const reports = members
    .map((record) => ({ record, time: record.published ? Date.parse(record.published) : Number.NaN, quantity: record.quantities.find((q) => sameSlot(q, slot)) }))
    .filter((report): report is typeof report & { quantity: Quantity } => !!report.quantity);
  if (reports.some((report) => !Number.isFinite(report.time))) return null;
  reports.sort((a, b) => a.time - b.time);
  const steps: { value: number; time: number; text: string; published: string; articles: string[] }[] = [];
  for (const report of reports) {
    const last = steps.at(-1);
    if (last && last.value === report.quantity.value) {
      if (!last.articles.includes(report.record.statement.article)) last.articles.push(report.record.statement.article);
      continue;
    }
    if (last && (report.quantity.value < last.value || report.time === last.time)) return null;
    steps.push({ value: report.quantity.value, time: report.time, text: report.quantity.text, published: report.record.published!, articles: [report.record.statement.article] });
  }
  if (steps.length < 2) return null;
  return steps.map((step) => ({ value: step.text, published: step.published, articles: step.articles }));
}

function uniqueCitations(citations: Citation[]): Citation[] {
  const seen = new Set<string>();
  return citations.filter((citation) => {
    const key = `${citation.article}:${citation.sentence}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Agencies credited in every statement: repeating one agency's report is one source, not several. */
function sharedAttribution(records: StatementRecord[]): string | null {
  const names = records.map((record) => record.statement.attribution);
  if (names.some((name) => !name)) return null;
  const keys = new Set(names.map((name) => stemmer(foldAccents(name!).toLowerCase().split(/\s+/).at(-1) ?? '')));
  return keys.size === 1 ? names[0] : null;
}

export function compareClaims(articles: Article[], independent: Set<string>, sentences: SentenceIndex, options: ClaimOptions = {}): ClaimResult {
  const sources = articles.filter((article) => article.status === 'ok' && independent.has(article.id));
  const latest = sources.map((article) => article.published).filter((date): date is string => !!date).sort().at(-1) ?? null;
  const records = sources.flatMap((article) => extractStatements(article, sentences, latest));
  if (records.length === 0) return { claims: [], discrepancies: [] };
  const scorer = options.scorer ?? new SameClaimScorer();
  const threshold = options.alignThreshold ?? scorer.model.alignThreshold;
  const groups = groupStatements(records, scorer, threshold, options.sharedFigureThreshold ?? scorer.model.sharedFigureThreshold);
  const byArticle = new Map<string, StatementRecord[]>();
  for (const record of records) byArticle.set(record.statement.article, [...(byArticle.get(record.statement.article) ?? []), record]);
  const articleText = new Map(sources.map((article) => [article.id, article.text]));

  const claims: Claim[] = [];
  const discrepancies: Discrepancy[] = [];
  // Groups in reading order of their first statement; the most widely reported first.
  const ordered = groups
    .map((group) => ({ group, members: group.members.map((index) => records[index]) }))
    .map((entry) => ({ ...entry, articles: [...new Set(entry.members.map((record) => record.statement.article))] }))
    .sort((a, b) => b.articles.length - a.articles.length || a.group.members[0] - b.group.members[0]);
  for (const { members, articles: groupArticles } of ordered) {
    const id = `c${claims.length + 1}`;
    const statements = members.map((record) => record.statement);
    const evidence = uniqueCitations(statements.map((statement) => statement.citation));
    // The representative: the wording that fills most slots (who, to whom, day, place), then the
    // earliest published (ties: reading order).
    const filled = (record: StatementRecord) => [record.statement.who.length, record.statement.toWhom.length, record.statement.day, record.statement.place].filter(Boolean).length;
    const representative = [...members].sort((a, b) => filled(b) - filled(a) || (a.published ?? '\uffff').localeCompare(b.published ?? '\uffff'))[0].statement;
    let status: ClaimStatus;
    let progression: Claim['progression'];
    const attribution = sharedAttribution(members);
    if (groupArticles.length >= 2) {
      const conflicts = slotConflicts(members, byArticle, articleText);
      const progressions = conflicts.map((conflict) => progressionOf(conflict, members));
      const disputes = conflicts.filter((_, i) => !progressions[i]);
      if (disputes.length > 0) {
        status = 'contradicted';
        for (const conflict of disputes) {
          discrepancies.push({
            about: `${conflict.slot === 'quantity' ? 'figure' : conflict.slot} in: ${representative.text}`,
            claim: id,
            slot: conflict.slot,
            values: conflict.values.map((value) => ({
              value: value.value,
              articles: [...new Set(value.records.map((record) => record.statement.article))],
              evidence: uniqueCitations(value.records.map((record) => record.statement.citation)),
            })),
          });
        }
      } else if (progressions.some(Boolean)) {
        status = 'updated';
        progression = progressions.find(Boolean)!;
      } else {
        // Several outlets crediting one agency's report repeat one source.
        status = attribution && isAgencyCredit(attribution, sources) ? 'attributed' : 'agreed';
      }
    } else {
      status = representative.attribution ? 'attributed' : 'single';
    }
    const claim: Claim = { text: representative.text, status, articles: groupArticles, evidence, id, statements, attribution: attribution ?? (groupArticles.length === 1 ? representative.attribution : null) };
    if (progression) claim.progression = progression;
    claims.push(claim);
  }
  return { claims, discrepancies };
}

/** A credit to a news agency or an outlet (a channel of reports) rather than to a speaker. */
function isAgencyCredit(name: string, articles: Article[]): boolean {
  const folded = foldAccents(name).toLowerCase().replace(/^(?:state\s+)?(?:news\s+agency\s+)/, '');
  return isAgency(folded) || articles.some((article) => foldAccents(article.publisher ?? '').toLowerCase() === folded);
}
