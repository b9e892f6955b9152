// TempEval-3 Task A (TIMEX3 extraction and normalisation) for src/extract/dates.ts.
//
// Usage: tsx scripts/eval-time.ts [--split test|train]
//   test  = the TE3 platinum set (the published figure), train = TimeBank + AQUAINT (TBAQ-cleaned, for tuning).
//   EVAL_TIME_ERRORS=1 prints every miss; it reads the training split unless `--split test` is given, because
//   rules are developed on training documents only (errors read off the test set would tune the rules to it).
// Each document's DCT is the anchor (the publication date); the body is the <TEXT> element with its tags
// stripped. Scoring follows the task: extent P/R/F1 with relaxed (overlap) and strict (exact) matching,
// and value F1 = relaxed F1 x value accuracy over the relaxed matches. The official scorer (TE3's
// evaluation script) leaves out each document's DCT (tid="t0"), so the headline value F1 does too, as the
// published HeidelTime and SUTime figures do; the figure that counts every DCT as found is printed as a note.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseIsoDay } from '../src/extract/dates-calendar.js';
import { chronoMentions } from '../src/extract/dates-chrono.js';
import { extractDates } from '../src/extract/dates.js';
import type { DateMention } from '../src/types.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const evalData = process.env.DOSSIER_EVAL_DATA ?? path.resolve(repoRoot, '../shared/eval-data');
const corpusRoot = path.join(evalData, 'tempeval3');

/** Published TempEval-3 Task A value F1 on the platinum set (task paper, Table 3). */
const REFERENCE_VALUE_F1 = { HeidelTime: 77.61, SUTime: 67.38 };

interface GoldTimex {
  start: number;
  end: number;
  value: string;
}

interface Document {
  name: string;
  dct: string;
  text: string;
  gold: GoldTimex[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Strips the tags of a TimeML <TEXT> body, keeping the character offsets of each TIMEX3. */
function parseTimeML(name: string, xml: string): Document {
  const dct = /<DCT>\s*<TIMEX3[^>]*\bvalue="([^"]+)"/.exec(xml)?.[1];
  const body = /<TEXT>([\s\S]*?)<\/TEXT>/.exec(xml)?.[1];
  if (!dct || body === undefined) throw new Error(`${name}: no DCT or TEXT`);
  let text = '';
  const gold: GoldTimex[] = [];
  let open: { start: number; value: string } | null = null;
  for (const token of body.matchAll(/<(\/?)([A-Za-z0-9]+)([^>]*)>|&(\w+);|[^<&]+|&/g)) {
    if (token[2]) {
      if (token[2] !== 'TIMEX3') continue;
      if (token[1]) {
        if (open) gold.push({ start: open.start, end: text.length, value: open.value });
        open = null;
      } else {
        open = { start: text.length, value: /\bvalue="([^"]*)"/.exec(token[3])?.[1] ?? '' };
      }
    } else if (token[4]) {
      text += ENTITIES[token[4]] ?? token[0];
    } else {
      text += token[0];
    }
  }
  return { name, dct, text, gold };
}

function loadSplit(split: 'test' | 'train'): Document[] {
  const folders =
    split === 'test'
      ? [path.join(corpusRoot, 'Evaluation/te3-platinum')]
      : ['TimeBank', 'AQUAINT'].map((corpus) => path.join(corpusRoot, 'Training/TBAQ-cleaned', corpus));
  return folders.flatMap((folder) =>
    readdirSync(folder)
      .filter((file) => file.endsWith('.tml'))
      .sort()
      .map((file) => parseTimeML(file, readFileSync(path.join(folder, file), 'utf8'))),
  );
}

interface Counts {
  gold: number;
  system: number;
  relaxed: number;
  strict: number;
  valueCorrect: number;
}

/** One-to-one matching in text order: each gold timex takes the first unused system mention it overlaps. */
function score(gold: GoldTimex[], system: DateMention[], counts: Counts, errors: string[], text: string): void {
  const used = new Set<number>();
  counts.gold += gold.length;
  counts.system += system.length;
  for (const timex of gold) {
    const index = system.findIndex((mention, i) => !used.has(i) && mention.start < timex.end && timex.start < mention.end);
    const surface = text.slice(timex.start, timex.end);
    if (index < 0) {
      errors.push(`MISS  ${JSON.stringify(surface)} ${timex.value}`);
      continue;
    }
    used.add(index);
    const mention = system[index];
    counts.relaxed += 1;
    if (mention.start === timex.start && mention.end === timex.end) counts.strict += 1;
    if (mention.value === timex.value) counts.valueCorrect += 1;
    else errors.push(`VALUE ${JSON.stringify(surface)} gold=${timex.value} got=${mention.value} (${JSON.stringify(mention.text)})`);
  }
  system.forEach((mention, i) => {
    if (!used.has(i)) errors.push(`EXTRA ${JSON.stringify(mention.text)} ${mention.value}`);
  });
}

interface Figures {
  relaxedP: number;
  relaxedR: number;
  relaxedF1: number;
  strictF1: number;
  valueAccuracy: number;
  valueF1: number;
}

const f1 = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
const percent = (x: number): number => Math.round(x * 10000) / 100;

function figures(counts: Counts): Figures {
  const relaxedP = counts.relaxed / counts.system;
  const relaxedR = counts.relaxed / counts.gold;
  const relaxedF1 = f1(relaxedP, relaxedR);
  const strictF1 = f1(counts.strict / counts.system, counts.strict / counts.gold);
  const valueAccuracy = counts.valueCorrect / counts.relaxed;
  return {
    relaxedP: percent(relaxedP),
    relaxedR: percent(relaxedR),
    relaxedF1: percent(relaxedF1),
    strictF1: percent(strictF1),
    valueAccuracy: percent(valueAccuracy),
    valueF1: percent(relaxedF1 * valueAccuracy),
  };
}

/** The DCT counts as one more timex found, exactly and with the right value, in every document. */
function withDct(counts: Counts, documents: number): Counts {
  return {
    gold: counts.gold + documents,
    system: counts.system + documents,
    relaxed: counts.relaxed + documents,
    strict: counts.strict + documents,
    valueCorrect: counts.valueCorrect + documents,
  };
}

type Extractor = (text: string, published: string) => DateMention[];

function evaluate(documents: Document[], extractor: Extractor, errors: string[]): Counts {
  const counts: Counts = { gold: 0, system: 0, relaxed: 0, strict: 0, valueCorrect: 0 };
  for (const document of documents) {
    const documentErrors: string[] = [];
    score(document.gold, extractor(document.text, document.dct), counts, documentErrors, document.text);
    errors.push(...documentErrors.map((error) => `${document.name} (DCT ${document.dct}): ${error}`));
  }
  return counts;
}

function main(): void {
  const splitArgument = process.argv.indexOf('--split');
  const dumpErrors = Boolean(process.env.EVAL_TIME_ERRORS);
  const split = splitArgument >= 0 ? process.argv[splitArgument + 1] : dumpErrors ? 'train' : 'test';
  if (dumpErrors && split === 'test') console.error('eval-time: printing errors on the test set; develop the rules on --split train');
  if (split !== 'test' && split !== 'train') throw new Error('--split must be test or train');
  const documents = loadSplit(split);

  const systems: Array<[string, Extractor]> = [
    ['dossier', extractDates],
    ['chrono-node alone', (text, published) => chronoMentions(text, parseIsoDay(published))],
  ];
  const results: Record<string, { withDct: Figures; withoutDct: Figures }> = {};
  for (const [name, extractor] of systems) {
    const errors: string[] = [];
    const counts = evaluate(documents, extractor, errors);
    results[name] = { withDct: figures(withDct(counts, documents.length)), withoutDct: figures(counts) };
    if (dumpErrors && name === 'dossier') console.log(errors.join('\n'));
  }

  const goldCount = documents.reduce((sum, document) => sum + document.gold.length, 0);
  console.log(`TempEval-3 ${split === 'test' ? 'platinum test' : 'TBAQ training'}: ${documents.length} documents, ${goldCount} TIMEX3 (+${documents.length} DCTs)`);
  console.log('system              DCT     relaxed P    R      F1   strict F1  value acc  value F1');
  for (const [name, result] of Object.entries(results)) {
    for (const [label, row] of [['with', result.withDct], ['without', result.withoutDct]] as const) {
      console.log(
        `${name.padEnd(19)} ${label.padEnd(8)} ${[row.relaxedP, row.relaxedR, row.relaxedF1, row.strictF1, row.valueAccuracy, row.valueF1]
          .map((x) => x.toFixed(2).padStart(6))
          .join('   ')}`,
      );
    }
  }
  if (split === 'test') {
    for (const [name, value] of Object.entries(REFERENCE_VALUE_F1)) {
      console.log(`${name.padEnd(19)} with     (published, TempEval-3 Table 3)                          value F1 ${value.toFixed(2)}`);
    }
  }
  const ours = results.dossier;
  console.log(
    JSON.stringify({
      dataset: split === 'test' ? 'tempeval3-platinum' : 'tempeval3-tbaq-train',
      metric: 'timex3_value_f1',
      convention: 'official TE3 scorer: document creation times (t0) left out',
      value: ours.withoutDct.valueF1,
      without_dct: ours.withoutDct,
      with_dct_counted_correct: ours.withDct,
      chrono_node_value_f1: results['chrono-node alone'].withoutDct.valueF1,
      heideltime_value_f1: REFERENCE_VALUE_F1.HeidelTime,
      sutime_value_f1: REFERENCE_VALUE_F1.SUTime,
    }),
  );
}

main();
