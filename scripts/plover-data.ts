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
