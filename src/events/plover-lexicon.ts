// Verb-pattern lexicon for PLOVER event coding. Written from the PLOVER category definitions
// (README-PLOVER, CAMEO→PLOVER mapping of 2021, whose code descriptions name the acts) and general
// English usage; never from the gold-standard sentences, which stay held out for evaluation.
// Labels follow the PLOVER release the public gold records use (DEMAND, DISAPPROVE, INVESTIGATE,
// FIGHT for conventional military force), plus ACCUSE for allegations; modes follow the 2021 mapping.
import type { PloverType } from './types.js';

export interface TriggerEntry {
  type: PloverType;
  mode: string | null;
  /** Words in order; each matches any inflection of itself. Up to MAX_GAP words may stand between them. */
  words: string[];
  /** Verb triggers outrank noun triggers: the verb carries the sentence's main act. */
  pos: 'verb' | 'noun';
}

/** Lexicon source: `TYPE/mode` or `TYPE`, then `v:` or `n:` phrases separated by `;`. */
const LEXICON_SOURCE: [string, string][] = [
  ['AGREE', 'v: agree; agree to; agree on; agree upon; pledge; promise; vow to; offer to; commit to; express willingness; express readiness; accept invitation; accept mediation; accept proposal; propose; be ready to; be willing to; expressed intent'],
  ['CONSULT', 'v: meet; meet with; hold talks; hold discussions; hold consultations; hold meeting; hold dialogue; talk with; confer; consult; negotiate; discuss; exchange views; n: talks; summit; dialogue; strategic dialogue; consultations; negotiations; discussions; meeting; conference'],
  ['CONSULT/visit', 'v: visit; host; arrive in; travel to; fly to; n: visit; state visit; trip'],
  ['CONSULT/phone', 'v: phone; telephone; call by phone; speak by phone; talk by phone; speak by telephone; hold phone call; hold telephone conversation; n: phone call; telephone call; phone conversation; telephone conversation; video call; video conference'],
  ['CONSULT', 'v: mediate; broker'],
  ['SUPPORT', 'v: support; backed; backs; backing; endorse; praise; commend; welcome; hail; applaud; congratulate; thank; defend; apologize; apologise; forgive; recognize; recognise; reaffirm support; express support; voice support; rally support; sign agreement; sign accord; sign treaty; sign deal; sign pact; sign memorandum; sign; ratify; n: support for'],
  ['COOPERATE', 'v: cooperate; co-operate; collaborate; share intelligence; share information; extradite; work together; join forces; conduct joint; hold joint exercises; restore ties; restore relations; establish relations; establish diplomatic relations; normalize relations; normalise relations; n: joint exercises; joint patrol; cooperation'],
  ['AID', 'v: provide aid; send aid; give aid; deliver aid; provide assistance; give assistance; send assistance; donate; grant asylum; airlift; provide humanitarian; send humanitarian; supply weapons; provide loan; grant loan; n: aid shipment; humanitarian aid; relief supplies'],
  ['CONCEDE', 'v: concede; yield; accede; give in; relent; compromise; accept demands; meet demands; lift ban; ease restrictions; allow opposition; legalize; legalise; back down'],
  ['RETREAT/release', 'v: release; free prisoners; free hostages; free detainees; set free; pardon'],
  ['RETREAT/ease', 'v: lift sanctions; ease sanctions; lift embargo; ease embargo; lift the blockade'],
  ['RETREAT/access', 'v: allow inspectors; admit inspectors; allow access; grant access; allow aid; open corridor; open crossing'],
  ['RETREAT/withdraw', 'v: withdraw; withdraw troops; withdraw forces; pull out; pull back; retreat; evacuate troops; n: withdrawal'],
  ['RETREAT/ceasefire', 'v: declare ceasefire; declare truce; observe ceasefire; halt fire; n: ceasefire; cease-fire; truce; armistice'],
  ['RETREAT/disarm', 'v: surrender; disarm; demobilize; demobilise; lay down arms; hand over weapons; decommission'],
  ['INVESTIGATE', 'v: investigate; probe; launch investigation; open investigation; launch inquiry; open inquiry; look into; examine allegations; n: investigation; inquiry; probe'],
  ['DEMAND', 'v: demand; call for; call on; urge; press for; insist; appeal for; appeal to; ask for; request; n: demand; ultimatum to'],
  ['DISAPPROVE', 'v: criticize; criticise; condemn; denounce; deplore; decry; censure; rebuke; slam; complain; lodge complaint; lodge protest; file complaint; sue; file lawsuit; express concern; voice concern; convict; find guilty; n: condemnation; criticism'],
  ['ACCUSE', 'v: accuse; allege; blame; hold responsible; n: accusation; allegation'],
  ['REJECT', 'v: reject; refuse; decline; rebuff; turn down; dismiss; veto; defy; oppose; deny; block; spurn; n: rejection; refusal'],
  ['THREATEN', 'v: threaten; warn; issue ultimatum; vow to retaliate; n: threat; ultimatum'],
  ['PROTEST/demo', 'v: protest; demonstrate; rally; marched; marching; stage protest; stage demonstration; hold rally; n: protest; demonstration; rally; sit-in; protesters; demonstrators'],
  ['PROTEST/hunger', 'v: go on hunger strike; n: hunger strike'],
  ['PROTEST/boycott', 'v: boycott; go on strike; walk out; stage strike; n: general strike; strike action; on strike; boycott; walkout'],
  ['PROTEST/obstruct', 'v: block roads; barricade; n: roadblock'],
  ['PROTEST/riot', 'v: riot; n: riot; riots'],
  ['MOBILIZE/troops', 'v: mobilize; mobilise; deploy; deploy troops; mass troops; send troops; reinforce; call up reservists; put on alert; raise alert; heighten alert; n: mobilization; troop buildup; military buildup'],
  ['MOBILIZE/police', 'v: deploy police; n: police deployment'],
  ['SANCTION/withdraw', 'v: sever ties; sever relations; cut ties; break off relations; break off talks; break diplomatic relations; recall ambassador; withdraw ambassador; downgrade relations; suspend talks; halt negotiations; suspend negotiations; freeze relations'],
  ['SANCTION/discontinue', 'v: suspend aid; cut aid; halt aid; freeze aid; stop aid; cut off aid'],
  ['SANCTION/expel', 'v: expel; expel diplomats; expel ambassador; n: expulsion'],
  ['SANCTION', 'v: impose sanctions; impose embargo; freeze assets; n: sanctions; embargo'],
  ['COERCE/arrest', 'v: arrest; detain; jail; imprison; charge with; indict; sentence; round up; n: arrest; arrests; detention'],
  ['COERCE/seize', 'v: seize; confiscate; occupy; capture; recapture; take control; annex; raid; n: occupation; annexation'],
  ['COERCE/ban', 'v: ban; outlaw; prohibit; dissolve'],
  ['COERCE/curfew', 'v: impose curfew; n: curfew'],
  ['COERCE/martial-law', 'v: declare state of emergency; declare martial law; impose martial law; impose state of emergency; n: martial law; state of emergency'],
  ['COERCE/deport', 'v: deport; n: deportation'],
  ['COERCE/restrict', 'v: blockade; close border; seal border; restrict; censor; shut down; crack down; n: blockade; crackdown'],
  ['ASSAULT/abduct', 'v: kidnap; abduct; hijack; take hostage; n: kidnapping; abduction; hijacking'],
  ['ASSAULT/beat', 'v: beat; stab; lynch'],
  ['ASSAULT/torture', 'v: torture; n: torture'],
  ['ASSAULT/sexual', 'v: rape; sexually assault'],
  ['ASSAULT/explosives', 'v: bomb; blow up; detonate; n: bombing; car bomb; roadside bomb; explosion; blast'],
  ['ASSAULT/suicide-attack', 'n: suicide bombing; suicide attack; suicide bomber'],
  ['ASSAULT/assassinate', 'v: assassinate; n: assassination'],
  ['ASSAULT/massacre', 'v: massacre; n: massacre; mass killing'],
  ['ASSAULT/cleansing', 'n: ethnic cleansing'],
  ['ASSAULT', 'v: attack; kill; murder; shoot; ambush; torch; set fire; burn; n: attack; attacks'],
  ['FIGHT/heavy-weapons', 'v: shell; fire rockets; fire missiles; launch missiles; launch rockets; launch airstrikes; launch air strikes; n: airstrike; airstrikes; air strike; air strikes; air raid; shelling; bombardment; missile strike'],
  ['FIGHT/firearms', 'v: open fire; exchange fire'],
  ['FIGHT', 'v: fight; clash; battle; invade; violate ceasefire; launch offensive; n: fighting; clashes; offensive; invasion; hostilities'],
];

/** How many words may separate two words of one pattern ("held [strategic] talks"). Set by hand:
 *  three covers an adjective pair or a possessive plus adjective without crossing into the next clause. */
export const MAX_GAP = 3;

function parseLexicon(): TriggerEntry[] {
  const entries: TriggerEntry[] = [];
  for (const [label, body] of LEXICON_SOURCE) {
    const [type, mode] = label.split('/') as [PloverType, string | undefined];
    let pos: 'verb' | 'noun' = 'verb';
    for (const raw of body.split(';')) {
      let phrase = raw.trim();
      const tag = /^(v|n):\s*/.exec(phrase);
      if (tag) {
        pos = tag[1] === 'v' ? 'verb' : 'noun';
        phrase = phrase.slice(tag[0].length);
      }
      if (phrase) entries.push({ type, mode: mode ?? null, words: phrase.split(/\s+/), pos });
    }
  }
  return entries;
}

export const TRIGGERS: readonly TriggerEntry[] = parseLexicon();

/** Irregular English forms that suffix rules cannot produce: form → base. */
const IRREGULAR = `met:meet;held:hold;sought:seek;fought:fight;gave:give;given:give;took:take;taken:take;made:make;
withdrew:withdraw;withdrawn:withdraw;struck:strike;stricken:strike;shot:shoot;broke:break;broken:break;spoke:speak;spoken:speak;
sent:send;led:lead;froze:freeze;frozen:freeze;began:begin;begun:begin;brought:bring;ran:run;kept:keep;beaten:beat;
threw:throw;thrown:throw;forgave:forgive;forgiven:forgive;blew:blow;blown:blow;flew:fly;flown:fly;laid:lay;went:go;gone:go;
rode:ride;stood:stand;drew:draw;drawn:draw;undertook:undertake;undertaken:undertake;burnt:burn;rang:ring;sat:sit;
said:say;told:tell;did:do;done:do;was:be;were:be;been:be;is:be;are:be;am:be;shut:shut;put:put;set:set;cut:cut;hit:hit;bore:bear;borne:bear`;

const IRREGULAR_BASE = new Map(
  IRREGULAR.replace(/\n/g, '')
    .split(';')
    .map((pair) => pair.split(':') as [string, string]),
);

const VOWEL = /[aeiou]/;

/** Regular inflections of a base word (verb tenses and noun plurals). */
function inflections(base: string): Set<string> {
  const forms = new Set([base, base + 's', base + 'es', base + 'ed', base + 'd', base + 'ing']);
  if (base.endsWith('e')) forms.add(base.slice(0, -1) + 'ing');
  if (base.endsWith('y') && !VOWEL.test(base.at(-2) ?? '')) {
    forms.add(base.slice(0, -1) + 'ies');
    forms.add(base.slice(0, -1) + 'ied');
  }
  const last = base.at(-1) ?? '';
  // Consonant doubling for short verbs ending consonant-vowel-consonant: "ban" → "banned".
  if (/[bdgklmnprt]/.test(last) && VOWEL.test(base.at(-2) ?? '') && !VOWEL.test(base.at(-3) ?? 'a')) {
    forms.add(base + last + 'ed');
    forms.add(base + last + 'ing');
  }
  return forms;
}

const inflectionCache = new Map<string, Set<string>>();

/** Whether a lowercased token is some inflection of a lexicon word. */
export function matchesWord(token: string, word: string): boolean {
  if (token === word) return true;
  if (IRREGULAR_BASE.get(token) === word) return true;
  let forms = inflectionCache.get(word);
  if (!forms) {
    forms = inflections(word);
    inflectionCache.set(word, forms);
  }
  return forms.has(token);
}

/** A base form for features: irregulars resolved, common suffixes stripped. */
export function lemmaOf(token: string): string {
  const irregular = IRREGULAR_BASE.get(token);
  if (irregular) return irregular;
  if (token.length > 5 && token.endsWith('ing')) return token.slice(0, -3);
  if (token.length > 4 && token.endsWith('ied')) return token.slice(0, -3) + 'y';
  if (token.length > 4 && token.endsWith('ed')) return token.slice(0, -2);
  if (token.length > 4 && token.endsWith('ies')) return token.slice(0, -3) + 'y';
  if (token.length > 3 && token.endsWith('s') && !token.endsWith('ss')) return token.slice(0, -1);
  return token;
}

export interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
}

export function tokenize(text: string): Token[] {
  return [...text.matchAll(/[\p{L}\p{N}]+(?:[-'’.][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu)].map((match) => ({
    text: match[0],
    lower: match[0].toLowerCase(),
    start: match.index,
    end: match.index + match[0].length,
  }));
}

/** Punctuation that ends a clause: a pattern never spans it. */
const CLAUSE_BREAK = new Set([',', ';', ':', '(', ')', '"', '“', '”', '—', '–']);

export interface TriggerMatch {
  entry: TriggerEntry;
  /** Token index of the first and last matched word. */
  first: number;
  last: number;
}

/** Lexicon entries by every form of their first word (inflections and irregular forms), in lexicon
 *  order: a token looks up its few candidate patterns instead of testing the whole lexicon. */
const TRIGGERS_BY_FIRST_FORM: ReadonlyMap<string, readonly TriggerEntry[]> = (() => {
  const index = new Map<string, TriggerEntry[]>();
  const irregularFormsOf = new Map<string, string[]>();
  for (const [form, base] of IRREGULAR_BASE) irregularFormsOf.set(base, [...(irregularFormsOf.get(base) ?? []), form]);
  for (const entry of TRIGGERS) {
    const first = entry.words[0];
    for (const form of new Set([...inflections(first), ...(irregularFormsOf.get(first) ?? [])])) {
      const entries = index.get(form) ?? [];
      if (!entries.includes(entry)) entries.push(entry);
      index.set(form, entries);
    }
  }
  return index;
})();

/** Every lexicon match in a token list. */
export function findTriggers(tokens: Token[]): TriggerMatch[] {
  const matches: TriggerMatch[] = [];
  for (let i = 0; i < tokens.length; i++) {
    for (const entry of TRIGGERS_BY_FIRST_FORM.get(tokens[i].lower) ?? []) {
      let position = i;
      let complete = true;
      for (const word of entry.words.slice(1)) {
        let found = -1;
        for (let j = position + 1; j <= Math.min(tokens.length - 1, position + 1 + MAX_GAP); j++) {
          if (CLAUSE_BREAK.has(tokens[j].lower)) break;
          if (matchesWord(tokens[j].lower, word)) {
            found = j;
            break;
          }
        }
        if (found < 0) {
          complete = false;
          break;
        }
        position = found;
      }
      if (complete) matches.push({ entry, first: i, last: position });
    }
  }
  return matches;
}
