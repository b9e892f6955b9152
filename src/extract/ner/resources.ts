// On-disk form of the shipped NER model: models/ner/{model.bin.gz, lexicon.json.gz, gazetteer.json.gz}.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { NER_TYPES, type CaseClass, type Gazetteer, type NerLexicon, type NerType } from './features.js';
import { deserializeModel, serializeModel } from './model.js';
import type { NerResources } from './tagger.js';

/** models/ner at the repository root; this file sits three levels below it in src/ and in dist/. */
export const DEFAULT_MODEL_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../models/ner');

interface LexiconFile {
  clusters: Record<string, string>;
  casePrior: Record<string, CaseClass>;
}

function writeJsonGz(file: string, value: unknown): void {
  writeFileSync(file, gzipSync(Buffer.from(JSON.stringify(value), 'utf8'), { level: 9 }));
}
function readJsonGz<T>(file: string): T {
  return JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as T;
}

export function saveLexicon(dir: string, lexicon: NerLexicon): void {
  mkdirSync(dir, { recursive: true });
  const file: LexiconFile = {
    clusters: Object.fromEntries([...lexicon.clusters].map(([word, clusterPath]) => [word, clusterPath.join('.')])),
    casePrior: Object.fromEntries(lexicon.casePrior),
  };
  writeJsonGz(path.join(dir, 'lexicon.json.gz'), file);
}

export function loadLexicon(dir: string): NerLexicon {
  const file = readJsonGz<LexiconFile>(path.join(dir, 'lexicon.json.gz'));
  return {
    clusters: new Map(Object.entries(file.clusters).map(([word, clusterPath]) => [word, clusterPath.split('.')])),
    casePrior: new Map(Object.entries(file.casePrior)),
  };
}

export function saveResources(dir: string, resources: NerResources): void {
  saveLexicon(dir, resources.lexicon);
  const byType: Record<string, string[]> = Object.fromEntries(NER_TYPES.map((type) => [type, []]));
  for (const [entity, types] of resources.gazetteer) for (const type of types) byType[type].push(entity);
  for (const list of Object.values(byType)) list.sort();
  writeJsonGz(path.join(dir, 'gazetteer.json.gz'), byType);
  writeFileSync(path.join(dir, 'model.bin.gz'), serializeModel(resources.model));
}

export function loadResources(dir: string = DEFAULT_MODEL_DIR): NerResources {
  const byType = readJsonGz<Record<NerType, string[]>>(path.join(dir, 'gazetteer.json.gz'));
  const gazetteer: Gazetteer = new Map();
  for (const type of NER_TYPES) {
    for (const entity of byType[type]) gazetteer.set(entity, [...(gazetteer.get(entity) ?? []), type]);
  }
  return {
    model: deserializeModel(readFileSync(path.join(dir, 'model.bin.gz'))),
    lexicon: loadLexicon(dir),
    gazetteer,
  };
}
