// Reads MSRP (../shared/eval-data/msrp or DOSSIER_EVAL_DATA): UTF-8 with BOM, tab-separated, a header line;
// and the news genre of STS-B (stsbenchmark/sts-<split>.csv: genre, file, years, id, score, sentence 1, sentence 2).
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface SentencePair {
  label: number;
  a: string;
  b: string;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const evalDataRoot = process.env.DOSSIER_EVAL_DATA ?? path.resolve(repoRoot, '../shared/eval-data');

export function readMsrp(split: 'train' | 'test'): SentencePair[] {
  const file = path.join(evalDataRoot, 'msrp', `msr_paraphrase_${split}.txt`);
  if (!existsSync(file)) throw new Error(`MSRP ${split} split not found at ${file} (set DOSSIER_EVAL_DATA)`);
  return readFileSync(file, 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim())
    .map((line) => {
      const [label, , , a, b] = line.split('\t');
      return { label: Number(label), a, b };
    });
}

export function accuracyAndF1(labels: number[], predicted: number[]): { accuracy: number; f1: number; precision: number; recall: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let correct = 0;
  labels.forEach((label, i) => {
    if (label === predicted[i]) correct++;
    if (predicted[i] === 1 && label === 1) tp++;
    if (predicted[i] === 1 && label === 0) fp++;
    if (predicted[i] === 0 && label === 1) fn++;
  });
  const precision = tp / Math.max(1, tp + fp);
  const recall = tp / Math.max(1, tp + fn);
  return { accuracy: correct / labels.length, f1: (2 * precision * recall) / Math.max(1e-9, precision + recall), precision, recall };
}

export interface ScoredPair {
  score: number;
  a: string;
  b: string;
}

/** STS-B news pairs other than MSRpar (which are MSRP pairs). */
export function readStsNews(split: 'train' | 'dev'): ScoredPair[] {
  const file = path.join(evalDataRoot, 'stsbenchmark', `sts-${split}.csv`);
  if (!existsSync(file)) throw new Error(`STS-B ${split} split not found at ${file} (set DOSSIER_EVAL_DATA)`);
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.split('\t'))
    .filter((fields) => fields.length >= 7 && fields[0] === 'main-news' && fields[1] !== 'MSRpar')
    .map((fields) => ({ score: Number(fields[4]), a: fields[5], b: fields[6] }));
}
