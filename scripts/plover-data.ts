// Loads the public PLOVER evaluation and training material from the shared eval-data folder.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PloverType } from '../src/events/types.js';
import type { TrainingExample } from './plover-baseline.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const evalDataDir = process.env.DOSSIER_EVAL_DATA ?? path.resolve(repoRoot, '../shared/eval-data');
export const modelPath = path.join(repoRoot, 'src/events/data/plover-nb-model.ts');

export interface GoldActor {
  actorText: string;
  code?: string;
}

export interface GoldRecord {
  id: string;
  event: PloverType;
  text: string;
  source: GoldActor[];
  target: GoldActor[];
}

/** The 322 coded sentences of PLOVER_GSR_CAMEO.json (the DOCUMENT header dropped). */
export function loadGoldRecords(): GoldRecord[] {
  const file = path.join(evalDataDir, 'plover-gsr/PLOVER_GSR_CAMEO.json');
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>[];
  const actors = (value: unknown): GoldActor[] => (Array.isArray(value) ? (value as GoldActor[]) : []);
  return raw
    .filter((record) => record.event !== 'DOCUMENT')
    .map((record) => ({
      id: String(record.id),
      event: record.event as PloverType,
      text: String(record.text),
      source: actors(record.source),
      target: actors(record.target),
    }));
}

/** The gold records' label for a CAMEO code: the two-digit cue categories of the PLOVER README,
 *  with YIELD split at 084, 09 as INVESTIGATE and 19 as FIGHT, as the gold records label them. */
function goldEraType(cameo: string): PloverType | null {
  const root = cameo.slice(0, 2);
  if (root === '08') return Number(cameo.slice(0, 3)) <= 83 && !/^081[34]/.test(cameo) ? 'CONCEDE' : 'RETREAT';
  const byRoot: Record<string, PloverType> = {
    '03': 'AGREE', '04': 'CONSULT', '05': 'SUPPORT', '06': 'COOPERATE', '07': 'AID', '09': 'INVESTIGATE',
    '10': 'DEMAND', '11': 'DISAPPROVE', '12': 'REJECT', '13': 'THREATEN', '14': 'PROTEST', '15': 'MOBILIZE',
    '16': 'SANCTION', '17': 'COERCE', '18': 'ASSAULT', '19': 'FIGHT', '20': 'ASSAULT',
  };
  return byRoot[root] ?? null;
}

/** The code descriptions of the CAMEO→PLOVER table ("Discuss by telephone") as short training texts. */
export function loadCameoDescriptions(): TrainingExample[] {
  const file = path.join(evalDataDir, 'plover-gsr/CAMEO2PLOVER-2021.txt');
  const examples: TrainingExample[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^(\d{3,4}):[^#]*#\s*(.+)$/.exec(line.trim());
    if (!match) continue;
    const type = goldEraType(match[1]);
    if (type) examples.push({ text: match[2].trim(), type });
  }
  return examples;
}

/** The gold-era label of a PLOVER 2021 label: the gold records (and this coder) call REQUEST DEMAND,
 *  and split ACCUSE into INVESTIGATE (its investigate mode) and DISAPPROVE (everything else). */
function goldEraLabel(type: string, mode: string): PloverType {
  if (type === 'REQUEST') return 'DEMAND';
  if (type === 'ACCUSE') return mode === 'investigate' ? 'INVESTIGATE' : 'DISAPPROVE';
  return type as PloverType;
}

/** CAMEO code → gold-era PLOVER label, read from the official CAMEO→PLOVER 2021 table. */
export function loadCameoMapping(): Map<string, PloverType> {
  const file = path.join(evalDataDir, 'plover-gsr/CAMEO2PLOVER-2021.txt');
  const mapping = new Map<string, PloverType>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^(\d{2,4}):\s*([A-Z]+)\s*(?:,\s*([^,#]*))?/.exec(line.trim());
    if (match) mapping.set(match[1], goldEraLabel(match[2], (match[3] ?? '').trim()));
  }
  return mapping;
}

/** A CAMEO code's label: the table's entry for the code or its nearest listed parent. The table stops
 *  at 185; the PLOVER README files the rest of 18-20 (fight, mass violence) under the violence types,
 *  which the gold-era records call FIGHT (19) and ASSAULT (20). 01 and 02 (statements, appeals) are
 *  dropped by PLOVER: NONE. Anything else is not a CAMEO code: null. */
export function cameoToPlover(code: string, mapping: Map<string, PloverType>): PloverType | 'NONE' | null {
  for (let length = code.length; length >= 2; length--) {
    const type = mapping.get(code.slice(0, length));
    if (type) return type;
  }
  const root = code.slice(0, 2);
  if (root === '01' || root === '02') return 'NONE';
  if (root === '19') return 'FIGHT';
  if (root === '18' || root === '20') return 'ASSAULT';
  return null;
}

export interface DevRecord {
  id: string;
  text: string;
  /** Every label the record's codings map to ('NONE' for a record coded as having no event). */
  labels: Set<string>;
}

function decodeXml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** The PETRARCH2 validation records as a development set: each sentence with the PLOVER labels of its
 *  CAMEO codings. Records marked as input errors, and records with a code outside CAMEO (the suite's
 *  verb dictionary still carries WEIS-era and made-up test codes), are left out. */
export function loadPetrarchDevRecords(): { records: DevRecord[]; skipped: number } {
  const file = path.join(evalDataDir, 'petrarch2-validation/PETR.UnitTest.records.xml');
  const xml = readFileSync(file, 'utf8').replace(/<!--[\s\S]*?-->/g, '');
  const mapping = loadCameoMapping();
  const records: DevRecord[] = [];
  let skipped = 0;
  for (const match of xml.matchAll(/<Sentence\b([^>]*)>([\s\S]*?)<\/Sentence>/g)) {
    const id = /id="([^"]+)"/.exec(match[1])?.[1] ?? String(records.length);
    const body = match[2];
    const text = /<Text>([\s\S]*?)<\/Text>/.exec(body)?.[1];
    const codings = [...body.matchAll(/<EventCoding\b([^>]*)>/g)].map((coding) => coding[1]);
    if (!text || !codings.length || codings.some((coding) => /error\s*=/.test(coding))) {
      skipped++;
      continue;
    }
    const labels = new Set<string>();
    let valid = true;
    for (const coding of codings) {
      if (/noevents\s*=\s*"True"/.test(coding)) {
        labels.add('NONE');
        continue;
      }
      const code = /eventcode="(\d+)"/.exec(coding)?.[1];
      const label = code ? cameoToPlover(code, mapping) : null;
      if (!label) valid = false;
      else labels.add(label);
    }
    if (!valid) {
      skipped++;
      continue;
    }
    records.push({ id, text: decodeXml(text.replace(/\s+/g, ' ').trim()), labels });
  }
  return { records, skipped };
}
