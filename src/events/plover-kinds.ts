// Happenings that are news but not political interaction, so PLOVER has no type for them: a central
// bank's rate decision, market moves, sport, weather, natural and industrial disasters. PLOVER treats
// disasters and economics as contexts of political acts, never as acts (PLOVER manual, "context"
// codes), so a sentence that only reports one is given one of these kinds instead of a PLOVER type.
// Word lists are general English usage, written without reference to any evaluation text.
import { tokenize, type Token } from './plover-lexicon.js';

export type OtherKind = 'ECONOMIC_POLICY' | 'MARKETS' | 'SPORTS' | 'WEATHER' | 'DISASTER';

const words = (list: string) => new Set(list.split(' '));

/** Who sets monetary policy, and what a monetary decision is about. */
const MONETARY_AUTHORITY = ['central bank', 'federal reserve', 'reserve bank', 'monetary policy', 'monetary authority', 'policy makers', 'policymakers', 'rate setters', 'rate-setters', 'ecb', 'fed', 'bank of'];
const MONETARY_SUBJECT = words('rate rates interest inflation basis points bond quantitative easing tightening hike hikes cut cuts monetary repo');

/** What markets trade, and how reports say its price moved. */
const MARKET_SUBJECT = words('stock stocks share shares index indices indexes market markets bond bonds yield yields price prices currency dollar euro yen yuan rupee sterling pound futures bitcoin nasdaq dow s&p ftse nikkei dax sensex');
const MARKET_MOVE = words('rise fall rally slump gain climb tumble surge drop plunge jump edge slide soar sink rebound slip dip retreat advance close');

/** Sport: words only sport uses, and words that need a score or a sporting verb beside them. */
// Words with an everyday political sense ("the goal of the talks", "the Arab League", "a death squad",
// "the first half of the year") need a score or a sporting verb beside them.
const SPORT_STRONG = ['striker', 'goalkeeper', 'midfielder', 'qualifier', 'innings', 'wicket', 'grand prix', 'world cup', 'premier league', 'champions league', 'olympics', 'olympic games', 'home side', 'away side', 'playoff', 'playoffs', 'semi-final', 'quarter-final', 'semifinal', 'quarterfinal'];
const SPORT_WEAK = words('match game final title cup season team race goal goals league tournament championship medal coach squad keeper');
const SPORT_VERBS = words('score win beat defeat draw lose');
const SCORE = /^\d{1,2}-\d{1,2}$/;

/** Weather nouns; only their noun use counts ("troops stormed the building" is no storm). */
const WEATHER = words('rain rainfall rains snow snowfall storm storms hurricane typhoon cyclone tornado blizzard heatwave temperatures weather winds monsoon frost thunderstorm thunderstorms');
const DISASTER = ['earthquake', 'quake', 'tremor', 'aftershock', 'aftershocks', 'flood', 'floods', 'flooding', 'landslide', 'landslides', 'mudslide', 'wildfire', 'wildfires', 'bushfire', 'forest fire', 'tsunami', 'eruption', 'volcano', 'avalanche', 'drought', 'plane crash', 'train crash', 'derailment', 'shipwreck', 'capsized', 'building collapse', 'magnitude'];
/** What a storm does when it becomes a disaster. */
const HARM = words('kill destroy damage injure displace flatten sweep submerge inundate flee dead death toll');

/** Where a phrase of one or more words first occurs in the tokens (word by word on lemma or text), or -1. */
function phraseAt(tokens: Token[], phrase: string): number {
  const parts = phrase.split(' ');
  return tokens.findIndex((_, start) => parts.every((part, offset) => {
    const token = tokens[start + offset];
    return !!token && (token.lower === part || token.lemma === part);
  }));
}

function hasPhrase(tokens: Token[], phrase: string): boolean {
  return phraseAt(tokens, phrase) >= 0;
}

/** Token index of the first mention of a monetary authority ("the central bank", "the Fed"), or -1. */
export function monetaryAuthorityAt(tokens: Token[]): number {
  const found = MONETARY_AUTHORITY.map((phrase) => phraseAt(tokens, phrase)).filter((at) => at >= 0);
  return found.length ? Math.min(...found) : -1;
}

function hasWord(tokens: Token[], set: ReadonlySet<string>): boolean {
  return tokens.some((token) => set.has(token.lower) || set.has(token.lemma));
}

/** A market noun followed closely by a price move ("oil prices fell", "stocks rallied"). */
function marketMove(tokens: Token[]): boolean {
  return tokens.some((token, index) =>
    (MARKET_SUBJECT.has(token.lower) || MARKET_SUBJECT.has(token.lemma)) &&
    tokens.slice(index + 1, index + 4).some((next) => MARKET_MOVE.has(next.lemma) && /^(VERB|AUX)$/.test(next.pos)),
  );
}

/** The non-political kind of happening a sentence reports, or null when it reports none. */
export function otherKindOf(sentence: string | Token[]): OtherKind | null {
  const tokens = typeof sentence === 'string' ? tokenize(sentence) : sentence;
  if (MONETARY_AUTHORITY.some((phrase) => hasPhrase(tokens, phrase)) && hasWord(tokens, MONETARY_SUBJECT)) return 'ECONOMIC_POLICY';
  if (SPORT_STRONG.some((phrase) => hasPhrase(tokens, phrase))) return 'SPORTS';
  if (hasWord(tokens, SPORT_WEAK) && (tokens.some((token) => SCORE.test(token.text)) || hasWord(tokens, SPORT_VERBS))) return 'SPORTS';
  if (marketMove(tokens)) return 'MARKETS';
  if (DISASTER.some((phrase) => hasPhrase(tokens, phrase))) return 'DISASTER';
  if (tokens.some((token) => /^(NOUN|PROPN)$/.test(token.pos) && (WEATHER.has(token.lower) || WEATHER.has(token.lemma)))) return hasWord(tokens, HARM) ? 'DISASTER' : 'WEATHER';
  return null;
}
