// Quote attribution evaluation on PolNeAR (brat standoff: Source / Cue / Content spans tied by E lines).
//
//   npm run eval:quotes -- [--split=test|dev] [--entities=pipeline|fallback] [--errors=N]
//
// Gold: one .ann per text, the first annotator alphabetically. An attribution is scored only when it has
// a Source span; predictions that only overlap source-less attributions are left out of precision.
// A prediction and a gold attribution match when their contents overlap (any shared character) and the
// speaker matches, meaning one of:
//   (a) the predicted speaker span (the name, pronoun or phrase next to the cue) overlaps the gold Source;
//   (b) a mention of the predicted speaker entity overlaps the gold Source;
//   (c) the last word of the predicted speaker name is a capitalised word of the gold Source, or, when the
//       gold Source is a pronoun or a role ("he", "the senator"), of its gold antecedent: the nearest
//       earlier gold Source that contains a name.
// Precision: share of predictions that match some gold attribution. Recall: share of gold attributions
// matched by some prediction. Direct quotes: gold contents that begin with a quotation mark; "found"
// means some prediction overlaps the content, "speaker right" means some prediction matches it.

import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Entity, Span } from '../src/types.js';
import { extractAttributedQuotes, type AttributedQuote } from '../src/extract/quotes.js';
import { entitiesFromNameSpans, findNameSpans } from '../src/extract/quotes-speakers.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataRoot = process.env.DOSSIER_EVAL_DATA ?? path.resolve(repoRoot, '../shared/eval-data');
const corpus = path.join(dataRoot, 'polnear');

const args = new Map(process.argv.slice(2).map((arg) => {
  const [key, value = 'true'] = arg.replace(/^--/, '').split('=');
  return [key, value] as const;
}));
const split = args.get('split') ?? 'test';
const entityMode = args.get('entities') ?? 'pipeline';
const errorsToShow = Number(args.get('errors') ?? 0);

interface GoldAttribution {
  content: Span[];
  source: Span[];
  sourceText: string;
  /** The nearest earlier named source, standing in for coreference of pronoun and role sources. */
  antecedentText: string | null;
  direct: boolean;
}

const UNNAMED_SOURCE_WORDS = new Set(['He', 'She', 'It', 'They', 'We', 'I', 'The', 'A', 'An', 'His', 'Her', 'Their', 'This', 'That', 'Who']);

function capitalisedWords(text: string): string[] {
  return (text.match(/[\p{Lu}][\p{L}'’.-]*/gu) ?? [])
    .map((word) => word.replace(/['’]s$/, '').replace(/\.$/, ''))
    .filter((word) => !UNNAMED_SOURCE_WORDS.has(word));
}

function parseSpans(field: string): Span[] {
  return field.split(';').map((part) => {
    const [start, end] = part.trim().split(/\s+/).map(Number);
    return { start, end };
  });
}

function readGold(annPath: string, text: string): GoldAttribution[] {
  const spans = new Map<string, Span[]>();
  const relations: Record<string, string>[] = [];
  for (const line of readFileSync(annPath, 'utf8').split('\n')) {
    const [id, body] = line.split('\t');
    if (!id || !body) continue;
    if (id.startsWith('T')) spans.set(id, parseSpans(body.slice(body.indexOf(' ') + 1)));
    if (id.startsWith('E')) relations.push(Object.fromEntries(body.split(/\s+/).map((role) => role.split(':'))));
  }
  const gold = relations
    .filter((relation) => relation.Content && spans.has(relation.Content))
    .map((relation) => {
      const content = spans.get(relation.Content) ?? [];
      const source = relation.Source ? spans.get(relation.Source) ?? [] : [];
      const sourceText = source.map((span) => text.slice(span.start, span.end)).join(' ');
      const firstContent = text.slice(content[0].start, content[0].end).trimStart();
      return { content, source, sourceText, antecedentText: null as string | null, direct: /^["“‘']/.test(firstContent) };
    });
  const named = gold.filter((item) => item.source.length && capitalisedWords(item.sourceText).length)
    .sort((a, b) => a.source[0].start - b.source[0].start);
  for (const item of gold) {
    if (!item.source.length || capitalisedWords(item.sourceText).length) continue;
    const before = named.filter((other) => other.source[0].start < item.source[0].start).pop();
    item.antecedentText = before?.sourceText ?? null;
  }
  return gold;
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

function anyOverlap(spans: Span[], other: Span[]): boolean {
  return spans.some((span) => other.some((candidate) => overlaps(span, candidate)));
}

function speakerMatches(quote: AttributedQuote, gold: GoldAttribution, entities: Map<string, Entity>): boolean {
  if (quote.speakerSpan && anyOverlap([quote.speakerSpan], gold.source)) return true;
  const entity = quote.speakerEntity ? entities.get(quote.speakerEntity) : undefined;
  if (entity && anyOverlap(entity.mentions, gold.source)) return true;
  const last = quote.speaker?.split(/\s+/).pop()?.replace(/['’]s$/, '');
  if (!last || !/^\p{Lu}/u.test(last)) return false;
  const reference = capitalisedWords(gold.sourceText).length ? gold.sourceText : gold.antecedentText ?? '';
  return capitalisedWords(reference).includes(last);
}

async function loadEntityBuilder(): Promise<(text: string) => Entity[]> {
  const fallback = (text: string) => entitiesFromNameSpans(findNameSpans(text));
  if (entityMode === 'fallback') return fallback;
  try {
    const { tagEntities } = await import('../src/extract/ner/index.js');
    const { resolveEntities } = await import('../src/extract/entities.js');
    resolveEntities('Test.', tagEntities('Test.'));
    return (text: string) => resolveEntities(text, tagEntities(text));
  } catch (error) {
    console.error(`entities: pipeline unavailable (${(error as Error).message}); using the quote module's own names`);
    return fallback;
  }
}

function ratio(numerator: number, denominator: number): number {
  return denominator ? Number((numerator / denominator).toFixed(4)) : 0;
}

async function main(): Promise<void> {
  const buildEntities = await loadEntityBuilder();
  const textDir = path.join(corpus, split, 'text');
  const annDir = path.join(corpus, split, 'attributions');
  if (!existsSync(textDir)) throw new Error(`PolNeAR not found at ${textDir}`);
  const annotations = readdirSync(annDir).sort();
  const totals = { predictions: 0, ignored: 0, predictedRight: 0, gold: 0, goldFound: 0, goldMatched: 0, contentOnlyPredictions: 0 };
  const direct = { gold: 0, found: 0, speakerRight: 0, withSource: 0, withSourceRight: 0, foundWithSource: 0 };
  const errors: string[] = [];
  let texts = 0;
  for (const file of readdirSync(textDir).sort()) {
    const name = file.replace(/\.txt$/, '');
    const annFile = annotations.find((candidate) => candidate.startsWith(`${name}_`));
    if (!annFile) continue;
    texts += 1;
    const text = readFileSync(path.join(textDir, file), 'utf8');
    const gold = readGold(path.join(annDir, annFile), text);
    const entities = buildEntities(text);
    const entityById = new Map(entities.map((entity) => [entity.id, entity]));
    const predicted = extractAttributedQuotes(text, entities);
    for (const quote of predicted) {
      const touched = gold.filter((item) => anyOverlap([quote], item.content));
      if (touched.length && touched.every((item) => !item.source.length)) {
        totals.ignored += 1;
        continue;
      }
      totals.predictions += 1;
      if (touched.length) totals.contentOnlyPredictions += 1;
      if (touched.some((item) => item.source.length && speakerMatches(quote, item, entityById))) totals.predictedRight += 1;
    }
    for (const item of gold) {
      const overlapping = predicted.filter((quote) => anyOverlap([quote], item.content));
      const right = overlapping.some((quote) => item.source.length && speakerMatches(quote, item, entityById));
      if (item.source.length) {
        totals.gold += 1;
        if (overlapping.length) totals.goldFound += 1;
        if (right) totals.goldMatched += 1;
      }
      if (!item.direct) continue;
      direct.gold += 1;
      if (overlapping.length) direct.found += 1;
      if (right) direct.speakerRight += 1;
      if (item.source.length) {
        direct.withSource += 1;
        if (right) direct.withSourceRight += 1;
        if (overlapping.length) direct.foundWithSource += 1;
      }
      if (!right && item.source.length && errors.length < errorsToShow) {
        const content = text.slice(item.content[0].start, item.content[0].end).slice(0, 80);
        const got = overlapping.map((quote) => `${quote.speaker} [${quote.kind}]`).join(' | ') || 'NOT FOUND';
        errors.push(`${name}\n  gold: ${item.sourceText}${item.antecedentText ? ` (-> ${item.antecedentText})` : ''}\n  got:  ${got}\n  text: ${content}`);
      }
    }
  }
  for (const error of errors) console.error(error);
  const precision = ratio(totals.predictedRight, totals.predictions);
  const recall = ratio(totals.goldMatched, totals.gold);
  const f1 = precision + recall ? Number(((2 * precision * recall) / (precision + recall)).toFixed(4)) : 0;
  const directFound = ratio(direct.found, direct.gold);
  const directSpeakerRight = ratio(direct.withSourceRight, direct.withSource);
  console.log(`PolNeAR ${split}: ${texts} texts, entities from ${entityMode}`);
  console.log(`pairs (speaker, content): P ${precision}  R ${recall}  F1 ${f1}  ` +
    `(${totals.predictedRight}/${totals.predictions} predictions right, ${totals.goldMatched}/${totals.gold} gold matched; ` +
    `${totals.ignored} predictions on source-less gold left out)`);
  console.log(`content only: P ${ratio(totals.contentOnlyPredictions, totals.predictions)}  R ${ratio(totals.goldFound, totals.gold)}`);
  console.log(`direct quotes: ${direct.gold} gold, found ${directFound} (${direct.found}), speaker right ${ratio(direct.speakerRight, direct.gold)} of all; ` +
    `${directSpeakerRight} (${direct.withSourceRight}/${direct.withSource}) of those with a gold source, ` +
    `${ratio(direct.withSourceRight, direct.foundWithSource)} of those found`);
  console.log(JSON.stringify({
    dataset: `polnear-${split}`, metric: 'direct_quote_speaker_accuracy', value: directSpeakerRight,
    direct_found: directFound, direct_speaker_of_found: ratio(direct.withSourceRight, direct.foundWithSource), direct_gold: direct.gold, pair_precision: precision, pair_recall: recall, pair_f1: f1,
    entities: entityMode,
  }));
}

await main();
