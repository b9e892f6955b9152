// Token normalisation shared by quote alignment, claim comparison and framing: case and accents
// folded, British/American spellings unified, and near-synonyms that translations swap mapped to one form.

export interface WordToken {
  /** The canonical form used for comparison. */
  key: string;
  text: string;
  start: number;
  end: number;
}

/** British → American spelling rules, applied to whole words. General orthography, not corpus-tuned. */
const SPELLING_RULES: [RegExp, string][] = [
  [/isation(s?)$/, 'ization$1'],
  [/is(e|es|ed|ing|er|ers)$/, 'iz$1'],
  [/ys(e|es|ed|ing)$/, 'yz$1'],
  [/our(s|ed|ing|able|ite|ites)?$/, 'or$1'],
  [/tre(s?)$/, 'ter$1'],
  [/ogue(s?)$/, 'og$1'],
  [/ll(ed|ing|er|ers)$/, 'l$1'],
];

// The rules run on every word alike, so a word they bend that has no second spelling ("raise" →
// "raize") still compares equal to itself; only -ence → -ense is limited to the words that have it.
const ENCE_WORDS = new Set(['defence', 'offence', 'licence', 'pretence']);

/** Near-synonym groups that different translations of one statement choose between. Each word maps
 *  to the group's first word. Kept to pairs that are interchangeable in reported speech. */
const SYNONYM_GROUPS = [
  'only sole',
  'legitimate lawful legal',
  'government administration',
  'nation country',
  'firmly resolutely strongly',
  'oppose opposes opposed reject rejects rejected',
  'support supports supported back backs backed',
  'big large major',
  'talks negotiations discussions',
  'ceasefire truce armistice',
  'start begin commence',
  'end finish conclude',
  'help assist aid',
  'said stated',
  'must should',
  'will shall',
  'attempt attempts try tries effort efforts',
  'provocation provocations provocative',
  'interfere meddle',
  'interference meddling',
  'internal domestic',
  'affairs matters',
  'peace peaceful',
  'stability stable',
  'serious grave',
  'threat threats menace',
  // Casualty reports word one toll in many ways ("killed 40", "left 45 dead", "40 deaths").
  'kill killed dead die died death deaths fatality fatalities',
  'fight fighting clash clashes',
];

const SYNONYM_HEAD = new Map<string, string>();
for (const group of SYNONYM_GROUPS) {
  const [head, ...rest] = group.split(' ');
  for (const word of rest) SYNONYM_HEAD.set(word, head);
}

export function foldAccents(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '');
}

/** American spelling of a lowercase word. */
export function americanSpelling(word: string): string {
  if (ENCE_WORDS.has(word)) return word.replace(/ence$/, 'ense');
  if (word.length < 5) return word;
  for (const [pattern, replacement] of SPELLING_RULES) {
    if (pattern.test(word)) return word.replace(pattern, replacement);
  }
  return word;
}

export function canonicalWord(word: string): string {
  const folded = foldAccents(word.toLowerCase()).replace(/[’']/g, "'");
  const spelled = americanSpelling(folded);
  // Synonyms are listed in their plain spelling, which the spelling rules can bend ("killed" -> "kiled").
  return SYNONYM_HEAD.get(folded) ?? SYNONYM_HEAD.get(spelled) ?? spelled;
}

export function wordTokens(text: string): WordToken[] {
  return [...text.matchAll(/[\p{L}\p{N}]+(?:[.,'’][\p{L}\p{N}]+)*/gu)].map((match) => ({
    key: canonicalWord(match[0]),
    text: match[0],
    start: match.index,
    end: match.index + match[0].length,
  }));
}

export const STOPWORDS = new Set(
  ('a an the and or but of to in on at by for with from as that this these those it its their his her they he she we i you ' +
    'is are was were be been being has have had do does did will would shall should can could may might must not no ' +
    'so than then there here which who whom whose what when where while also into over after before about against between ' +
    'during since until up down out off more most such only own same other some any each all both few very just our us ' +
    'them him me my your said says say told according added per cent percent mr mrs ms').split(' '),
);
