// How outlets differed, read off the aligned claims and quotes: what each outlet reports that the
// others do not, what most others report and it leaves out, whose voices it quotes and how much,
// whom it credits (news agencies, officials), and its evaluative wording on claims others share
// ("steadfast backing" against "support"). Hand-written: it is the product's core comparison.
import type { Article } from '../types.js';
import type { AlignedQuote, Claim, ClaimStatement, FramingDifference } from '../events/types.js';
import { wordsIn } from './tagging.js';
import { isAgency } from '../metadata/text.js';
import { canonicalWord } from './normalize.js';
import { areSynonyms } from './wordnet.js';


/** Claims listed per outlet under "only here" and "left out"; the counts keep the full number. */
export const MAX_LISTED_CLAIMS = 5;
/** Word choice: adjectives and adverbs grade a claim ("steadfast"), common nouns name it ("talks",
 *  "strategic dialogue"); a run of them is kept as one term of up to two words. */
const WORDING_TAGS = new Set(['ADJ', 'ADV', 'NOUN']);
const PLAIN_WORDS = /^(?:also|not|very|only|just|then|now|still|again|too|so|more|most|further|earlier|later|already|first|last|next|other|such|same|own|former|new|year|years|day|days|week|time|part|side|sides)$/;

function wordingTerms(article: Article | undefined, statement: ClaimStatement): string[][] {
  if (!article) return [];
  const terms: string[][] = [];
  let run: string[] = [];
  const flush = () => {
    for (let i = 0; i < run.length; i += 2) terms.push(run.slice(i, i + 2));
    run = [];
  };
  // Words written with a capital inside the clause are names ("Russian", "Chinese"), not word choice.
  for (const word of wordsIn(article.text, statement.start, statement.end)) {
    if (WORDING_TAGS.has(word.pos) && /^\p{Ll}{3,}/u.test(word.text) && !PLAIN_WORDS.test(word.text)) run.push(word.text);
    else flush();
  }
  flush();
  return terms;
}

function absentFrom(word: string, others: string[]): boolean {
  const key = canonicalWord(word);
  return !others.some((other) => canonicalWord(other) === key);
}

/** The other sources say the same thing in other words: a synonym of one of the term's words is theirs. */
function contrasts(term: string[], others: string[]): boolean {
  return term.some((word) => others.some((other) => other.length > 2 && areSynonyms(word, other)));
}

function credited(name: string, article: Article): 'news agency' | 'official' | 'other' {
  if (isAgency(name.replace(/^(?:state\s+)?news\s+agency\s+/i, ''))) return 'news agency';
  const entity = (article.entities ?? []).find((e) => e.name === name || e.aliases.includes(name));
  if (entity?.type === 'person' || entity?.roles.length || /\b(?:ministry|minister|spokes(?:man|woman|person)|official|officials|government|police|president|office|department|authorit(?:y|ies)|embassy|army|military)\b/i.test(name)) return 'official';
  return 'other';
}

export function framingDifferences(articles: Article[], independent: Set<string>, claims: Claim[], quotes: AlignedQuote[]): FramingDifference[] {
  const outlets = articles.filter((article) => article.status === 'ok' && independent.has(article.id));
  if (outlets.length < 2) return [];
  const differences: FramingDifference[] = [];
  const byId = new Map(outlets.map((article) => [article.id, article]));
  for (const article of outlets) {
    const others = outlets.length - 1;
    const exclusive = claims.filter((claim) => claim.articles.length === 1 && claim.articles[0] === article.id);
    // Left out: claims more than half of the other outlets (and at least two) carry.
    const omitted = claims.filter((claim) => !claim.articles.includes(article.id) && claim.articles.length >= Math.max(2, Math.floor(others / 2) + 1));
    const ownQuotes = quotes.filter((quote) => quote.kind !== 'indirect' && quote.articles.includes(article.id));
    const bySpeaker = new Map<string, number>();
    for (const quote of ownQuotes) {
      const speaker = quote.speaker ?? 'unnamed';
      bySpeaker.set(speaker, (bySpeaker.get(speaker) ?? 0) + quote.variants.filter((variant) => variant.article === article.id).length);
    }
    const quoteCount = [...bySpeaker.values()].reduce((sum, count) => sum + count, 0);
    const voices = [...bySpeaker]
      .map(([speaker, count]) => ({ speaker, quotes: count, share: Number((count / quoteCount).toFixed(2)) }))
      .sort((a, b) => b.quotes - a.quotes || a.speaker.localeCompare(b.speaker));
    const creditCounts = new Map<string, number>();
    for (const claim of claims) {
      for (const statement of claim.statements ?? []) {
        if (statement.article === article.id && statement.attribution) creditCounts.set(statement.attribution, (creditCounts.get(statement.attribution) ?? 0) + 1);
      }
    }
    const attributions = [...creditCounts]
      .map(([to, count]) => ({ to, kind: credited(to, article), statements: count }))
      .sort((a, b) => b.statements - a.statements || a.to.localeCompare(b.to));
    const wording: NonNullable<FramingDifference['wording']> = [];
    for (const claim of claims) {
      if (claim.articles.length < 2 || !claim.articles.includes(article.id)) continue;
      const own = (claim.statements ?? []).filter((statement) => statement.article === article.id);
      const rest = (claim.statements ?? []).filter((statement) => statement.article !== article.id);
      const otherWords = [...new Set(rest.flatMap((statement) => statement.text.toLowerCase().split(/[^\p{L}]+/u)))];
      // A term is the outlet's own when no other source's wording of the claim has its words or their synonyms.
      // Terms whose words another source renders with a synonym ("backing" / "support") come first.
      const ownTerms = own.flatMap((statement) => wordingTerms(byId.get(statement.article), statement)).filter((term) => term.every((word) => absentFrom(word, otherWords)));
      const ranked = [...ownTerms.filter((term) => contrasts(term, otherWords)), ...ownTerms.filter((term) => !contrasts(term, otherWords))];
      const distinct = [...new Set(ranked.map((term) => term.join(' ')))];
      if (distinct.length === 0) continue;
      wording.push({ claim: claim.id ?? '', own: own[0].text, words: distinct, others: rest.map((statement) => ({ article: statement.article, text: statement.text })) });
    }
    // Claims are ordered most widely reported first, so word choice on what everyone reports comes first.
    const terms = [...new Set(wording.flatMap((entry) => entry.words))].slice(0, MAX_LISTED_CLAIMS);
    if (!exclusive.length && !omitted.length && !voices.length && !attributions.length && !wording.length) continue;
    differences.push({
      article: article.id,
      publisher: article.publisher,
      terms,
      onlyHere: { count: exclusive.length, claims: exclusive.slice(0, MAX_LISTED_CLAIMS).map((claim) => ({ claim: claim.id ?? '', text: claim.text })) },
      leftOut: { count: omitted.length, claims: omitted.slice(0, MAX_LISTED_CLAIMS).map((claim) => ({ claim: claim.id ?? '', text: claim.text, articles: claim.articles.length })) },
      voices,
      attributions,
      wording,
    });
  }
  return differences;
}
