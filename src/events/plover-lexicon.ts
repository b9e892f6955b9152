// Verb-pattern lexicon for PLOVER event coding. Written from the PLOVER category definitions
// (README-PLOVER, CAMEO→PLOVER mapping of 2021, whose code descriptions name the acts) and general
// English usage; never from the gold-standard sentences, which stay held out for evaluation.
// Labels follow the PLOVER release the public gold records use (DEMAND, DISAPPROVE, INVESTIGATE,
// FIGHT for conventional military force), plus ACCUSE for allegations; modes follow the 2021 mapping.
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import lemmatizer from 'wink-lemmatizer';
import type { PloverType } from './types.js';

export interface TriggerEntry {
  type: PloverType;
  mode: string | null;
  /** Words in order, in their base form (matched by lemma); a `@class` word matches any noun of its class.
   *  Up to MAX_GAP words (OBJECT_GAP before a `@class` word) may stand between them. */
  words: string[];
  /** Verb triggers outrank noun triggers: the verb carries the sentence's main act. */
  pos: 'verb' | 'noun';
}

/** Lexicon source: `TYPE/mode` or `TYPE`, then `v:` or `n:` phrases separated by `;`. A word `@class`
 *  stands for any noun of OBJECT_CLASSES ("provide @aid": "provided $5 million in food aid"). */
const LEXICON_SOURCE: [string, string][] = [
  ['AGREE', 'v: agree; agree to; agree on; agree upon; pledge; promise; vow to; offer to; offer; commit to; express willingness; express readiness; signal willingness; signal readiness; indicate willingness; stand ready; be prepared to; agree in principle; invite; assure; guarantee; consider; look forward to; hope to; strike deal; strike agreement; reach agreement; reach deal; reach accord; accept invitation; accept mediation; accept proposal; accept offer; accept plan; propose; be ready to; be willing to; express intent; express intention; announce intention; signal intention; express desire; express hope; express wish; accept'],
  ['CONSULT', 'v: meet; meet with; convene; sit down with; hold talks; hold discussions; hold consultations; hold meeting; hold dialogue; talk with; confer; consult; negotiate; discuss; exchange views; engage in @talks; attend @talks; join @talks; resume @talks; open @talks; begin @talks; start @talks; continue @talks; conclude @talks; speak with; speak to; talk to; n: talks; summit; dialogue; strategic dialogue; consultations; negotiations; negotiation; discussions; meeting; conference; mediation'],
  ['CONSULT/visit', 'v: visit; host; receive delegation; receive visiting; tour; arrive in; travel to; fly to; n: visit; state visit; trip'],
  ['CONSULT/phone', 'v: phone; telephone; call by phone; speak by phone; talk by phone; speak by telephone; hold phone call; hold telephone conversation; n: phone call; telephone call; phone conversation; telephone conversation; video call; video conference'],
  ['CONSULT', 'v: mediate; broker'],
  // Diplomatic, non-material cooperation (CAMEO 05): praise, endorsement, recognition, signing, and
  // starting or resuming diplomatic ties (PLOVER SUPPORT: "initiate, resume, improve ... diplomatic cooperation").
  ['SUPPORT', 'v: support; backed; backs; backing; endorse; approve; praise; commend; welcome; hail; applaud; congratulate; thank; defend; apologize; apologise; forgive; recognize; recognise; grant recognition; extend recognition; reaffirm support; express support; voice support; rally support; express solidarity; express gratitude; pay tribute; laud; rally behind; sign agreement; sign accord; sign treaty; sign deal; sign pact; sign memorandum; sign; ratify; restore ties; restore relations; resume ties; resume relations; renew ties; renew relations; restore diplomatic; resume diplomatic; establish relations; establish ties; establish diplomatic relations; normalize relations; normalise relations; upgrade relations; improve relations; reopen embassy; n: support for'],
  ['COOPERATE', 'v: cooperate; co-operate; collaborate; share intelligence; share information; exchange intelligence; exchange information; extradite; work together; join forces; conduct joint; hold joint; stage joint; resume trade; expand trade; boost trade; coordinate; hand over suspects; suspend cooperation; n: joint exercises; joint military exercises; joint patrol; joint patrols; joint operation; joint drills; cooperation; extradition'],
  ['AID', 'v: provide @aid; approve @aid; disburse; lend; send @aid; give @aid; deliver @aid; donate; grant @aid; ship @aid; extend @aid; supply @aid; dispatch @aid; fund; finance; airlift; grant asylum; give asylum; offer asylum; provide humanitarian; send humanitarian; send peacekeepers; contribute peacekeepers; contribute troops; n: aid shipment; humanitarian aid; relief supplies; aid package; aid convoy'],
  // Verbal concessions (CAMEO 080-083): easing administrative restrictions, easing dissent, acceding to demands.
  ['CONCEDE', 'v: concede; yield; accede; give in; relent; compromise; accept demands; meet demands; lift @ban; ease @ban; relax @ban; end @ban; allow opposition; legalize; legalise; back down; pardon; grant amnesty; declare amnesty; call off @dissent; end @dissent; suspend @dissent; halt @dissent; drop charges; reverse decision; lift @emergency; end @emergency; ease @emergency; declare ceasefire; declare truce; announce ceasefire; announce truce; announce withdrawal; allow; permit; n: amnesty'],
  // PLOVER: "RETREAT also covers resignations of government officials" (its resign mode).
  ['RETREAT/resign', 'v: resign; step down; quit; n: resignation'],
  ['RETREAT/release', 'v: release; free; set free; hand back; return bodies; repatriate; return prisoners; return property; exchange prisoners; swap prisoners; n: release'],
  ['RETREAT/ease', 'v: lift @sanctions; ease @sanctions; relax @sanctions; end @sanctions'],
  
  ['RETREAT/access', 'v: allow inspectors; admit inspectors; receive inspectors; accept inspectors; accept peacekeepers; admit observers; receive peacekeepers; allow access; grant access; allow aid; allow observers; allow peacekeepers; let in; open corridor; open crossing; open humanitarian corridor'],
  ['RETREAT/withdraw', 'v: withdraw; withdraw troops; withdraw forces; pull out; pull back; retreat; evacuate; evacuate troops; leave @territory; abandon @territory; vacate; give up @territory; lift siege; end siege; end occupation; hand over; lift the blockade; lift blockade; hand over territory; cede; n: withdrawal'],
  ['RETREAT/ceasefire', 'v: ease blockade; observe ceasefire; respect ceasefire; halt fire; stop fighting; end hostilities; cease fire; n: ceasefire; cease-fire; truce; armistice'],
  ['RETREAT/disarm', 'v: surrender; disarm; de-escalate; scale back operations; demobilize; demobilise; lay down arms; hand over weapons; give up weapons; decommission'],
  ['INVESTIGATE', 'v: investigate; probe; inspect; interrogate; question suspects; launch investigation; open investigation; launch inquiry; open inquiry; look into; examine allegations; n: investigation; inquiry; probe'],
  ['DEMAND', 'v: demand; request; call for; call on; call upon; push for; insist on; ask to; press to; pressure to; urge; press for; insist; appeal for; appeal to; ask for; order; seek; n: demand; call for; calls for; appeal for; ultimatum to'],
  ['DISAPPROVE', 'v: criticize; criticise; condemn; denounce; deplore; decry; censure; rebuke; slam; lash out; assail; blast; chide; castigate; scold; fault; reproach; berate; complain; lodge complaint; lodge protest; file complaint; sue; file lawsuit; bring lawsuit; bring suit; disapprove; rally opposition; express concern; voice concern; express anger; voice anger; express outrage; express regret over; express dismay; voice dismay; express displeasure; object to; summon ambassador; summon envoy; take to court; convict; find guilty; n: condemnation; criticism'],
  ['ACCUSE', 'v: accuse; allege; blame; hold responsible; n: accusation; allegation'],
  ['REJECT', 'v: reject; refuse; decline; rebuff; turn down; dismiss; veto; defy; oppose; deny; block; spurn; rule out; vote against; resist; ignore; disregard; snub; n: rejection; refusal'],
  ['THREATEN', 'v: threaten; warn; issue ultimatum; vow to retaliate; vow revenge; give @deadline; set @deadline; issue @deadline; n: threat; ultimatum'],
  ['PROTEST/demo', 'v: protest; demonstrate; rally; marched; marching; stage protest; stage demonstration; hold rally; picket; take to the streets; pour into the streets; gather to protest; chant; n: protest; demonstration; rally; sit-in; protesters; demonstrators'],
  ['PROTEST/hunger', 'v: go on hunger strike; n: hunger strike'],
  ['PROTEST/boycott', 'v: boycott; go on strike; conduct strike; conduct boycott; walk out; stage strike; stage walkout; n: general strike; strike action; on strike; boycott; walkout'],
  ['PROTEST/obstruct', 'v: block @passage; obstruct; barricade; n: roadblock'],
  ['PROTEST/riot', 'v: riot; n: riot; riots'],
  // Military posture short of force (CAMEO 15): alerts, mobilisation, deployments, single-country exercises.
  ['MOBILIZE/troops', 'v: mobilize; mobilise; order @forces; increase alert; raise alert; demonstrate military; demonstrate power; show force; deploy; deploy troops; mass troops; send troops; move troops; reinforce; call up reservists; call up @forces; increase @forces; boost @forces; bolster @forces; beef up @forces; move @forces; mass @forces; station @forces; put on alert; raise alert; heighten alert; place on alert; hold exercises; hold military exercises; conduct exercises; conduct military exercises; stage exercises; stage military exercises; hold drills; conduct drills; stage drills; n: mobilization; military drills; drills; show of force; troop buildup; military buildup; military exercises; war games; high alert'],
  ['MOBILIZE/weapons', 'v: test-fire; test missile; n: missile test; nuclear test; weapons test'],
  ['MOBILIZE/police', 'v: deploy police; tighten security; step up security; beef up security; n: police deployment'],
  ['SANCTION/withdraw', 'v: sever ties; sever relations; cut ties; reduce relations; reduce ties; scale back relations; break off relations; break off @talks; break diplomatic relations; recall ambassador; withdraw ambassador; downgrade relations; suspend; suspend @talks; halt @talks; cancel @talks; call off @talks; postpone @talks; pull out of @talks; withdraw from @talks; walk out of @talks; freeze relations; suspend relations; suspend ties; close embassy; suspend membership; withdraw from @pact; pull out of @pact; quit @pact; halt cooperation; end cooperation; cut cooperation; ban imports; halt imports; suspend imports; stop imports; halt exports; cut off supplies'],
  ['SANCTION/discontinue', 'v: suspend @aid; cut @aid; halt @aid; freeze @aid; stop @aid; cut off @aid; withhold @aid; reduce @aid'],
  ['SANCTION/expel', 'v: expel diplomats; expel ambassador; expel envoy; expel observers; expel inspectors; expel peacekeepers; expel aid workers; expel aid agencies; n: expulsion'],
  ['SANCTION', 'v: impose sanctions; impose embargo; freeze assets; n: sanctions; embargo'],
  // Repression (CAMEO 17): arrests and charges, bans, curfews, emergency rule, deportation, seizing or
  // destroying property, violent repression of crowds.
  ['COERCE/arrest', 'v: arrest; detain; jail; imprison; punish; charge with; indict; sentence; round up; prosecute; put on trial; n: arrest; arrests; detention'],
  ['COERCE/seize', 'v: seize; confiscate; raid; demolish; bulldoze; destroy; n: confiscation'],
  ['COERCE/ban', 'v: ban; outlaw; prohibit; dissolve; n: ban'],
  ['COERCE/curfew', 'v: impose curfew; n: curfew'],
  ['COERCE/martial-law', 'v: declare state of emergency; declare martial law; impose martial law; impose state of emergency; n: martial law; state of emergency'],
  ['COERCE/deport', 'v: deport; expel; n: deportation'],
  ['COERCE/restrict', 'v: coerce; repress; cordon off; seal off; impose restrictions; impose @ban; close border; seal border; restrict; censor; shut down; crack down; disperse; fire tear gas; use tear gas; block websites; restrict movement; n: crackdown; tear gas; repression'],
  ['ASSAULT/abduct', 'v: kidnap; abduct; hijack; take hostage; n: kidnapping; abduction; hijacking'],
  ['ASSAULT/beat', 'v: beat; assault; stab; lynch'],
  ['ASSAULT/torture', 'v: torture; n: torture'],
  ['ASSAULT/sexual', 'v: rape; sexually assault'],
  ['ASSAULT/explosives', 'v: bomb; blow up; detonate; explode; n: bombing; car bomb; roadside bomb; explosion; blast'],
  ['ASSAULT/suicide-attack', 'n: suicide bombing; suicide attack; suicide bomber'],
  ['ASSAULT/assassinate', 'v: assassinate; n: assassination'],
  ['ASSAULT/massacre', 'v: massacre; use chemical weapons; n: massacre; mass killing'],
  ['ASSAULT/cleansing', 'n: ethnic cleansing'],
  ['ASSAULT', 'v: attack; strike; retaliate; avenge; kill; murder; shoot; ambush; torch; set fire; burn; execute; gun down; shoot dead; hack to death; use human shields; use weapons of mass destruction; n: human shield; n: attack; attacks'],
  // Conventional military force (CAMEO 19): blockades, occupation, small arms, artillery, air power.
  ['FIGHT/heavy-weapons', 'v: shell; bombard; fire rockets; fire missiles; fire artillery; fire mortars; launch missiles; launch rockets; launch airstrikes; launch air strikes; carry out airstrikes; carry out air strikes; n: airstrike; airstrikes; air strike; air strikes; air raid; air raids; shelling; bombardment; missile strike; artillery fire'],
  ['FIGHT/firearms', 'v: open fire; exchange fire'],
  ['FIGHT/territory', 'v: occupy; capture; recapture; take control; seize control; seize @territory; take @territory; annex; overrun; n: occupation; annexation'],
  ['FIGHT/blockade', 'v: blockade; impose blockade; n: blockade; naval blockade'],
  ['FIGHT', 'v: fight; clash; battle; invade; use military force; employ aerial weapons; violate ceasefire; break ceasefire; violate truce; break truce; launch offensive; engage in fighting; n: fighting; clashes; offensive; invasion; hostilities'],
];

/** Nouns a `@class` pattern word accepts, each matched by lemma or text. */
const OBJECT_CLASSES: Record<string, string[]> = {
  aid: 'aid assistance relief supplies food medicine medicines loan loans credit credits grant grants funds funding money donation donations equipment weapons arms ammunition shelter tents vaccines experts team teams doctors rescuers engineers'.split(' '),
  talks: 'talks negotiations meeting meetings summit dialogue visit consultations mediation'.split(' '),
  ban: 'ban restrictions restriction curbs controls censorship'.split(' '),
  emergency: 'curfew emergency law'.split(' '),
  sanctions: 'sanctions embargo boycott'.split(' '),
  deadline: 'deadline ultimatum'.split(' '),
  forces: 'troops soldiers forces tanks artillery warships jets aircraft reservists reinforcements units battalions presence'.split(' '),
  passage: 'road roads highway street streets entrance access traffic railway bridge port crossing'.split(' '),
  pact: 'treaty agreement accord pact organization organisation alliance deal mission coalition'.split(' '),
  territory: 'town towns city cities village villages territory area region province district base airport hill island port crossing border outpost'.split(' '),
  dissent: 'protest protests strike strikes demonstration demonstrations boycott sit-in'.split(' '),
};

/** How far a `@class` object may stand from its verb ("sent [two planeloads of emergency] aid"). Set by
 *  hand: a quantity, a preposition and two modifiers. */
const OBJECT_GAP = 6;

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

// Verb forms come from wink-nlp's lemmatiser (the project's sentence splitter already loads its English
// model), not from hand-listed inflections: "withdrew", "held" and "shelled" match "withdraw", "hold"
// and "shell" because the model's lemma is that word.
const nlp = winkNLP(model);
const its = nlp.its;
const lemmaCache = new Map<string, string>();

const verbLemmaCache = new Map<string, string>();

/** The lemma of a word read as a verb (wink-lemmatizer, the same project's WordNet-based lemmatiser):
 *  the fallback for words the tagger reads as nouns or adjectives in context ("mediated", "tortured"). */
function verbLemmaOf(word: string): string {
  let lemma = verbLemmaCache.get(word);
  if (lemma === undefined) {
    lemma = lemmatizer.verb(word);
    verbLemmaCache.set(word, lemma);
  }
  return lemma;
}

/** A word's verb reading: hyphenated compounds inflect their last part ("test-fired" → "test-fire"). */
function verbBase(lower: string): string {
  const compound = /^(\p{L}+-)(\p{L}+)$/u.exec(lower);
  if (compound) return compound[1] + verbLemmaOf(compound[2]);
  return /^\p{L}+$/u.test(lower) ? verbLemmaOf(lower) : lower;
}

/** The base form of one word out of context, as wink-nlp lemmatises it ("talks" → "talk", "met" → "meet"). */
export function lemmaOf(token: string): string {
  let lemma = lemmaCache.get(token);
  if (lemma === undefined) {
    const lemmas = nlp.readDoc(token).tokens().out(its.lemma as never) as string[];
    lemma = lemmas.length === 1 ? lemmas[0].toLowerCase() : token;
    lemmaCache.set(token, lemma);
  }
  return lemma;
}

export interface Token {
  text: string;
  lower: string;
  /** wink-nlp's lemma in context, lowercased ("held" → "hold"); the lowercased text when wink splits the word. */
  lemma: string;
  /** wink-nlp's universal part-of-speech tag in context ("VERB", "NOUN", "PROPN", ...). */
  pos: string;
  /** The word's lemma read as a verb, for words wink tags by their context as something else
   *  ("tortured" read as a noun after a capitalised subject). */
  base: string;
  /** The word carries a contracted negation ("didn't", "won't"). */
  negated: boolean;
  start: number;
  end: number;
}

interface TaggedWord {
  start: number;
  end: number;
  lemma: string;
  pos: string;
}

/** wink-nlp's tokens of a text with their character offsets (wink keeps every character of its input). */
function taggedWords(text: string): TaggedWord[] {
  const tokens = nlp.readDoc(text).tokens();
  // The lite model's lemma getter is typed for a model add-on; it is one of the model's own outputs.
  const values = tokens.out() as string[];
  const lemmas = tokens.out(its.lemma as never) as string[];
  const tags = tokens.out(its.pos) as string[];
  const words: TaggedWord[] = [];
  let cursor = 0;
  values.forEach((value, index) => {
    const at = text.indexOf(value, cursor);
    if (at < 0) return;
    words.push({ start: at, end: at + value.length, lemma: lemmas[index].toLowerCase(), pos: tags[index] });
    cursor = at + value.length;
  });
  return words;
}

/** Words and punctuation marks with offsets, each word with wink-nlp's lemma and tag. Words keep their
 *  internal apostrophes and hyphens ("Sudan's", "cease-fire") so names stay whole. */
export function tokenize(text: string): Token[] {
  const tagged = taggedWords(text);
  let next = 0;
  // Numbers keep their separators ("20,000", "4.5"), so a count never reads as a clause break.
  return [...text.matchAll(/\p{N}+(?:[.,]\p{N}+)+(?![\p{L}])|[\p{L}\p{N}]+(?:[-'’.][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu)].map((match) => {
    const start = match.index;
    const end = start + match[0].length;
    while (next < tagged.length && tagged[next].end <= start) next++;
    const inside: TaggedWord[] = [];
    for (let i = next; i < tagged.length && tagged[i].start < end; i++) inside.push(tagged[i]);
    const lower = match[0].toLowerCase();
    const whole = inside.length === 1 && inside[0].start === start && inside[0].end === end;
    // "Sudan's" is wink's "Sudan" + "'s", "didn't" its "did" + "n't": the first part carries the word.
    const head = inside[0]?.start === start ? inside[0] : undefined;
    return {
      text: match[0],
      lower,
      lemma: whole || (head && /^n['’]t$/.test(lower.slice(head.end - start))) ? head!.lemma : lower,
      base: verbBase(lower),
      pos: head?.pos ?? 'X',
      negated: inside.some((word, index) => index > 0 && word.lemma === 'not'),
      start,
      end,
    };
  });
}

/** Punctuation that ends a clause: a pattern never spans it. */
const CLAUSE_BREAK = new Set([',', ';', ':', '(', ')', '"', '“', '”', '—', '–']);

export interface TriggerMatch {
  entry: TriggerEntry;
  /** Token index of the first and last matched word. */
  first: number;
  last: number;
}

/** Whether a token is a form of a lexicon word: its lemma or, for words listed in one form ("talks",
 *  "backed"), its text. */
export function matchesWord(token: Token, word: string): boolean {
  return token.lemma === word || token.lower === word || token.base === word;
}

/** Lexicon entries by their first word, in lexicon order: a token looks up its few candidate patterns
 *  (by lemma and by text) instead of testing the whole lexicon. */
const TRIGGERS_BY_FIRST_WORD: ReadonlyMap<string, readonly TriggerEntry[]> = (() => {
  const index = new Map<string, TriggerEntry[]>();
  for (const entry of TRIGGERS) index.set(entry.words[0], [...(index.get(entry.words[0]) ?? []), entry]);
  return index;
})();

const LEXICON_ORDER = new Map(TRIGGERS.map((entry, index) => [entry, index]));

function candidates(token: Token): readonly TriggerEntry[] {
  const found = new Set<TriggerEntry>();
  for (const form of new Set([token.lemma, token.lower, token.base])) for (const entry of TRIGGERS_BY_FIRST_WORD.get(form) ?? []) found.add(entry);
  return [...found].sort((a, b) => LEXICON_ORDER.get(a)! - LEXICON_ORDER.get(b)!);
}

/** Every lexicon match in a token list. */
export function findTriggers(tokens: Token[]): TriggerMatch[] {
  const matches: TriggerMatch[] = [];
  for (let i = 0; i < tokens.length; i++) {
    for (const entry of candidates(tokens[i])) {
      let position = i;
      let complete = true;
      for (const word of entry.words.slice(1)) {
        let found = -1;
        const gap = word.startsWith('@') ? OBJECT_GAP : MAX_GAP;
        for (let j = position + 1; j <= Math.min(tokens.length - 1, position + 1 + gap); j++) {
          if (CLAUSE_BREAK.has(tokens[j].lower)) break;
          if (word.startsWith('@') ? OBJECT_CLASSES[word.slice(1)].some((noun) => matchesWord(tokens[j], noun)) : matchesWord(tokens[j], word)) {
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
