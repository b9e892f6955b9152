// Reader for CoNLL-2003 column files and conlleval-style chunking (works for IOB1 and IOB2).
import { readFileSync } from 'node:fs';
import type { NerType } from './features.js';

export interface EntityChunk {
  start: number;
  end: number;
  type: NerType;
}
export interface ConllSentence {
  tokens: string[];
  entities: EntityChunk[];
}
export type ConllDocument = ConllSentence[];

/**
 * Chunks as conlleval reads them: a chunk starts at B-X, or at I-X after O or another type;
 * this covers IOB1 (eng.testb) and IOB2 (conllpp) alike.
 */
export function chunksOf(tags: string[]): EntityChunk[] {
  const chunks: EntityChunk[] = [];
  let open: EntityChunk | null = null;
  tags.forEach((tag, i) => {
    const [prefix, type] = tag === 'O' ? ['O', ''] : [tag.slice(0, 1), tag.slice(2)];
    const continues = open !== null && prefix === 'I' && open.type === type;
    if (!continues && open) {
      chunks.push(open);
      open = null;
    }
    if (prefix !== 'O' && !continues) open = { start: i, end: i + 1, type: type as NerType };
    else if (continues && open) open.end = i + 1;
  });
  if (open) chunks.push(open);
  return chunks;
}

export function readConll(path: string): ConllDocument[] {
  const documents: ConllDocument[] = [];
  let document: ConllDocument = [];
  let tokens: string[] = [];
  let tags: string[] = [];
  const endSentence = (): void => {
    if (tokens.length > 0) document.push({ tokens, entities: chunksOf(tags) });
    tokens = [];
    tags = [];
  };
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const columns = line.trim().split(/\s+/);
    if (columns[0] === '-DOCSTART-') {
      endSentence();
      if (document.length > 0) documents.push(document);
      document = [];
    } else if (columns.length < 2) {
      endSentence();
    } else {
      tokens.push(columns[0]);
      tags.push(columns[columns.length - 1]);
    }
  }
  endSentence();
  if (document.length > 0) documents.push(document);
  return documents;
}

export interface EntityScores {
  precision: number;
  recall: number;
  f1: number;
  gold: number;
  predicted: number;
  correct: number;
}

/** conlleval micro scores (exact span + type) overall and per type, in percent. */
export function scoreEntities(gold: EntityChunk[][], predicted: EntityChunk[][]): Record<'ALL' | NerType, EntityScores> {
  const counts = new Map<string, { gold: number; predicted: number; correct: number }>();
  const bump = (type: string, field: 'gold' | 'predicted' | 'correct'): void => {
    for (const key of [type, 'ALL']) {
      const entry = counts.get(key) ?? { gold: 0, predicted: 0, correct: 0 };
      entry[field]++;
      counts.set(key, entry);
    }
  };
  gold.forEach((goldChunks, s) => {
    const goldKeys = new Set(goldChunks.map((c) => `${c.start}:${c.end}:${c.type}`));
    for (const c of goldChunks) bump(c.type, 'gold');
    for (const c of predicted[s]) {
      bump(c.type, 'predicted');
      if (goldKeys.has(`${c.start}:${c.end}:${c.type}`)) bump(c.type, 'correct');
    }
  });
  const result = {} as Record<'ALL' | NerType, EntityScores>;
  for (const key of ['ALL', 'PER', 'ORG', 'LOC', 'MISC'] as const) {
    const { gold: g, predicted: p, correct: c } = counts.get(key) ?? { gold: 0, predicted: 0, correct: 0 };
    const precision = p ? (100 * c) / p : 0;
    const recall = g ? (100 * c) / g : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    result[key] = { precision, recall, f1, gold: g, predicted: p, correct: c };
  }
  return result;
}
