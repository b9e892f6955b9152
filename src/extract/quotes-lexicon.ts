// Word lists for attribution: reporting verbs (cues), pronouns, and the small function-word sets
// that mark where a speaker noun phrase begins or ends.

/** Reporting verbs by lemma; regular inflections are generated, irregular forms listed in IRREGULAR_FORMS. */
const REGULAR_CUE_LEMMAS = [
  'acknowledge', 'add', 'admit', 'affirm', 'allege', 'announce', 'answer', 'argue', 'ask', 'assert', 'assess', 'assure',
  'believe', 'boast', 'caution', 'chant', 'charge', 'claim', 'comment', 'complain', 'concede', 'conclude', 'confirm',
  'contend', 'continue', 'counter', 'declare', 'demand', 'deny', 'disclose', 'elaborate', 'emphasize', 'emphasise',
  'estimate', 'exclaim', 'explain', 'express', 'indicate', 'insist', 'interject', 'joke', 'lament', 'maintain', 'mention', 'note',
  'observe', 'pledge', 'post', 'predict', 'proclaim', 'promise', 'quip', 'recall', 'recount', 'reiterate',
  'remark', 'reply', 'report', 'respond', 'retort', 'reveal', 'say', 'scoff', 'shout', 'signal', 'state', 'stress', 'suggest',
  'testify', 'tweet', 'urge', 'vow', 'warn', 'worry', 'yell',
];

const IRREGULAR_FORMS: Record<string, string[]> = {
  say: ['said', 'says', 'saying'],
  tell: ['told', 'tells', 'telling', 'tell'],
  write: ['wrote', 'writes', 'writing', 'written', 'write'],
  read: ['reads', 'read'],
  think: ['thought', 'thinks', 'thinking', 'think'],
  feel: ['felt', 'feels', 'feel'],
};

function inflect(lemma: string): string[] {
  const forms = new Set([lemma]);
  if (lemma.endsWith('e')) {
    forms.add(lemma + 's').add(lemma + 'd').add(lemma.slice(0, -1) + 'ing');
  } else if (/[^aeiou]y$/.test(lemma)) {
    forms.add(lemma.slice(0, -1) + 'ies').add(lemma.slice(0, -1) + 'ied').add(lemma + 'ing');
  } else if (/(s|sh|ch|x)$/.test(lemma)) {
    forms.add(lemma + 'es').add(lemma + 'ed').add(lemma + 'ing');
  } else {
    const doubled = /^(quip|admit)$/.test(lemma) ? lemma + lemma.slice(-1) : lemma;
    forms.add(lemma + 's').add(doubled + 'ed').add(doubled + 'ing');
  }
  return [...forms];
}

/** Single-word cue forms, lower case. `say` is covered by its irregular list. */
export const CUE_WORDS: ReadonlySet<string> = new Set([
  ...REGULAR_CUE_LEMMAS.filter((lemma) => lemma !== 'say').flatMap(inflect),
  ...Object.values(IRREGULAR_FORMS).flat(),
  'say',
]);

/** Cue base forms ("say", "maintain"): the form that never opens an inverted attribution ("“...,” said Lee"). */
export const CUE_BASE_FORMS: ReadonlySet<string> = new Set([...REGULAR_CUE_LEMMAS, ...Object.keys(IRREGULAR_FORMS)]);

/**
 * Verbs that mostly mean something other than speaking ("maintain close ties", "continue to grow",
 * "argue a case"): they count as cues only before a "that" clause or a quotation, or after a quotation.
 */
export const CLAUSE_ONLY_CUES: ReadonlySet<string> = new Set(
  [...['maintain', 'continue', 'insist', 'argue', 'express', 'signal', 'post', 'charge', 'counter', 'state', 'note', 'answer']
    .flatMap(inflect), 'read', 'reads'],
);

/** Two-word cues whose second word is a particle ("pointed out", "went on"). */
export const PHRASAL_CUES: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['pointed', new Set(['out'])], ['points', new Set(['out'])], ['point', new Set(['out'])],
  ['went', new Set(['on'])], ['goes', new Set(['on'])], ['put', new Set(['it'])], ['puts', new Set(['it'])],
  ['shot', new Set(['back'])], ['fired', new Set(['back'])],
]);

/** Cues that take the addressee as an object before the content ("told reporters that ..."). */
export const OBJECT_CUES: ReadonlySet<string> = new Set([
  'told', 'tells', 'tell', 'telling', 'warned', 'warns', 'assured', 'assures', 'urged', 'urges', 'asked', 'asks',
]);

/** Cue forms that are too ambiguous to open an attribution without a quote or "that" ("continued", "posted"). */
export const WEAK_CUES: ReadonlySet<string> = new Set([
  'continue', 'continues', 'continued', 'continuing', 'post', 'posts', 'posted', 'posting', 'state', 'states',
  'charge', 'charges', 'charged', 'counter', 'counters', 'countered', 'signal', 'signals', 'signaled', 'report',
  'reports', 'saying', 'telling', 'writing', 'thinking', 'feel', 'feels', 'felt', 'note', 'notes', 'express',
  'expresses', 'tell', 'say', 'think', 'write', 'worry', 'worries', 'worried', 'worrying',
]);

/** Words allowed between a speaker and its cue ("has also said", "would later tell"). */
export const AUXILIARIES: ReadonlySet<string> = new Set([
  'has', 'have', 'had', 'is', 'was', 'are', 'were', 'will', 'would', 'could', 'can', 'may', 'might', 'did', 'does',
  'do', 'also', 'again', 'once', 'then', 'later', 'further', 'been', 'not', 'never', 'still', 'just',
  'previously', 'earlier', 'often', 'ultimately', 'subsequently', 'separately', 'first', 'should', 'must', 'shall',
  'ought', 'cannot', ...["didn't", "doesn't", "don't", "won't", "wouldn't", "can't", "couldn't", "hasn't", "haven't",
    "hadn't", "isn't", "wasn't", "shouldn't"].flatMap((word) => [word, word.replace("'", '’')]),
]);

export const PERSONAL_PRONOUNS: ReadonlyMap<string, 'm' | 'f' | 'org' | 'plural' | 'self'> = new Map([
  ['he', 'm'], ['she', 'f'], ['it', 'org'], ['they', 'plural'], ['i', 'self'], ['we', 'self'],
  ['who', 'plural'], ['which', 'org'],
]);

/** Words that end a speaker noun phrase when reading backwards from a cue. */
export const PHRASE_BOUNDARY_WORDS: ReadonlySet<string> = new Set([
  'that', 'and', 'but', 'or', 'as', 'when', 'while', 'after', 'before', 'because', 'if', 'so', 'where',
  'although', 'though', 'since', 'until', 'than', 'whether', 'what', 'how', 'why', 'even', 'yet', 'nor', 'once',
  'said', 'says', 'told', 'to', 'in', 'on', 'at', 'by', 'for', 'with', 'from', 'into', 'about', 'during', 'over',
  'against', 'is', 'was', 'are', 'were', 'be', 'not', 'also', 'has', 'have', 'had', 'will', 'would', 'could',
]);

/** Words that cannot be the last word (head) of a speaker noun phrase. */
export const NON_HEAD_WORDS: ReadonlySet<string> = new Set([
  'the', 'a', 'an', 'this', 'these', 'those', 'his', 'her', 'their', 'its', 'our', 'my', 'your', 'him', 'them',
  'me', 'us', 'there', 'here', 'now', 'today', 'yesterday', 'tomorrow', 'never', 'ever', 'already', 'all',
  'some', 'any', 'what', 'not', 'so', 'very', 'too', 'just', 'only', 'much', 'more', 'most', 'no', 'one',
]);

/** Modal verbs, written in lower case: never the head of a speaker phrase ("Will" is a name). */
export const MODALS: ReadonlySet<string> = new Set([
  'will', 'would', 'shall', 'should', 'can', 'could', 'may', 'might', 'must', 'ought', 'cannot',
]);

/** Day and time words allowed between a speaker and a cue, or between a cue and "that" ("said on Friday that"). */
export const TIME_WORDS: ReadonlySet<string> = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'today', 'yesterday', 'tonight',
  'morning', 'afternoon', 'evening', 'night', 'week', 'month', 'year', 'last', 'earlier', 'later', 'on', 'this',
]);

/** Words that open a phrase after a cue that is not reported content ("said in a statement", "said on Sunday"). */
export const NON_CLAUSE_STARTS: ReadonlySet<string> = new Set([
  'in', 'on', 'at', 'during', 'to', 'from', 'with', 'for', 'by', 'of', 'after', 'before', 'about', 'as', 'via',
  'through', 'under', 'over', 'last', 'earlier', 'later', 'yesterday', 'today', 'monday', 'tuesday',
  'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'so', 'and', 'or', 'but', 'nothing', 'anything',
  'something', 'more', 'much', 'little', 'otherwise', 'repeatedly', 'publicly', 'privately', 'recently',
  'previously', 'too', 'yes', 'no', 'goodbye', 'hello', 'sorry', 'thanks', 'when', 'while', 'if',
]);

/** Titles written before names; a word ending in "." here is an abbreviation, not a sentence end. */
export const NAME_TITLES: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'gen', 'sen', 'rep', 'gov', 'lt', 'col', 'capt', 'sgt', 'st', 'rev',
  'hon', 'maj', 'adm', 'cmdr', 'pres', 'sir', 'dame', 'lord', 'lady', 'jr', 'sr',
]);

export const MALE_TITLES: ReadonlySet<string> = new Set(['mr', 'sir', 'lord', 'king', 'prince']);
export const FEMALE_TITLES: ReadonlySet<string> = new Set(['mrs', 'ms', 'miss', 'dame', 'lady', 'queen', 'princess']);

/** Month abbreviations that also end with "." without ending a sentence. */
export const MONTH_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'no', 'vs', 'approx',
]);

/** Head nouns that make a capitalised name an organisation rather than a person (fallback typing only). */
export const ORGANIZATION_HEADS: ReadonlySet<string> = new Set([
  'ministry', 'council', 'agency', 'department', 'party', 'committee', 'commission', 'service', 'news', 'times',
  'post', 'inc', 'corp', 'company', 'university', 'association', 'bank', 'court', 'congress', 'senate', 'house',
  'government', 'office', 'administration', 'campaign', 'institute', 'foundation', 'union', 'army', 'police',
  'press', 'group', 'network', 'organization', 'organisation', 'board', 'bureau', 'federation', 'forces',
  'parliament', 'journal', 'tribune', 'herald', 'guardian', 'telegraph', 'reuters', 'centre', 'center', 'fund',
  'club', 'cabinet', 'kremlin', 'pentagon', 'nations', 'alliance', 'movement', 'coalition', 'league',
]);

/** Common nouns naming a source of news rather than a speaker ("the ministry's readout", "an official statement"). */
export const DOCUMENT_NOUNS: ReadonlySet<string> = new Set([
  'statement', 'readout', 'announcement', 'report', 'reports', 'release', 'communique', 'transcript', 'interview',
  'broadcast', 'post', 'tweet', 'letter', 'filing', 'document', 'documents', 'memo', 'poll', 'survey', 'study',
  'website', 'account', 'briefing', 'footage', 'video', 'data', 'records',
]);
