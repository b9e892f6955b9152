// Actor lexicon for event coding: country names (from i18n-iso-countries), demonyms, capitals used
// as metonyms for governments, and well-known international organisations. General knowledge,
// written independently of any evaluation text.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// The package's JSON locale is the maintained source of English country names and their aliases.
const countries = require('i18n-iso-countries') as { alpha2ToAlpha3(code: string): string | undefined };
const english = require('i18n-iso-countries/langs/en.json') as { countries: Record<string, string | string[]> };

/** Demonyms and adjectives of nationality: alpha-3 code, then its forms. */
const DEMONYMS = `
AFG:Afghan|Afghans;ALB:Albanian|Albanians;DZA:Algerian|Algerians;AGO:Angolan|Angolans;ARG:Argentine|Argentinian|Argentines;
ARM:Armenian|Armenians;AUS:Australian|Australians;AUT:Austrian|Austrians;AZE:Azerbaijani|Azeri|Azerbaijanis;BHR:Bahraini;
BGD:Bangladeshi|Bangladeshis;BLR:Belarusian|Belarusians;BEL:Belgian|Belgians;BEN:Beninese;BOL:Bolivian|Bolivians;
BIH:Bosnian|Bosnians;BWA:Botswanan;BRA:Brazilian|Brazilians;BGR:Bulgarian|Bulgarians;BFA:Burkinabe;BDI:Burundian|Burundians;
KHM:Cambodian|Cambodians;CMR:Cameroonian|Cameroonians;CAN:Canadian|Canadians;TCD:Chadian|Chadians;CHL:Chilean|Chileans;
CHN:Chinese;COL:Colombian|Colombians;COD:Congolese;CRI:Costa Rican;HRV:Croatian|Croat|Croats|Croatians;CUB:Cuban|Cubans;
CYP:Cypriot|Cypriots;CZE:Czech|Czechs;DNK:Danish|Dane|Danes;DOM:Dominican;ECU:Ecuadorian|Ecuadorean;EGY:Egyptian|Egyptians;
SLV:Salvadoran;ERI:Eritrean|Eritreans;EST:Estonian|Estonians;ETH:Ethiopian|Ethiopians;FJI:Fijian|Fijians;FIN:Finnish|Finn|Finns;
FRA:French;GAB:Gabonese;GMB:Gambian|Gambians;GEO:Georgian|Georgians;DEU:German|Germans;GHA:Ghanaian|Ghanaians;GRC:Greek|Greeks;
GTM:Guatemalan|Guatemalans;GIN:Guinean|Guineans;HTI:Haitian|Haitians;HND:Honduran|Hondurans;HUN:Hungarian|Hungarians;
ISL:Icelandic;IND:Indian|Indians;IDN:Indonesian|Indonesians;IRN:Iranian|Iranians;IRQ:Iraqi|Iraqis;IRL:Irish;ISR:Israeli|Israelis;
ITA:Italian|Italians;CIV:Ivorian|Ivorians;JAM:Jamaican|Jamaicans;JPN:Japanese;JOR:Jordanian|Jordanians;KAZ:Kazakh|Kazakhstani;
KEN:Kenyan|Kenyans;KWT:Kuwaiti|Kuwaitis;KGZ:Kyrgyz;LAO:Lao|Laotian;LVA:Latvian|Latvians;LBN:Lebanese;LBR:Liberian|Liberians;
LBY:Libyan|Libyans;LTU:Lithuanian|Lithuanians;LUX:Luxembourgish;MKD:Macedonian|Macedonians;MDG:Malagasy;MWI:Malawian;
MYS:Malaysian|Malaysians;MLI:Malian|Malians;MRT:Mauritanian|Mauritanians;MEX:Mexican|Mexicans;MDA:Moldovan|Moldovans;
MNG:Mongolian|Mongolians;MNE:Montenegrin|Montenegrins;MAR:Moroccan|Moroccans;MOZ:Mozambican|Mozambicans;MMR:Burmese|Myanmar;
NAM:Namibian|Namibians;NPL:Nepalese|Nepali;NLD:Dutch;NZL:New Zealander;NIC:Nicaraguan|Nicaraguans;NER:Nigerien;
NGA:Nigerian|Nigerians;PRK:North Korean|North Koreans;NOR:Norwegian|Norwegians;OMN:Omani;PAK:Pakistani|Pakistanis;
PSE:Palestinian|Palestinians;PAN:Panamanian|Panamanians;PRY:Paraguayan;PER:Peruvian|Peruvians;PHL:Filipino|Philippine|Filipinos;
POL:Polish|Pole|Poles;PRT:Portuguese;QAT:Qatari;ROU:Romanian|Romanians;RUS:Russian|Russians;RWA:Rwandan|Rwandans;
SAU:Saudi|Saudis;SEN:Senegalese;SRB:Serbian|Serb|Serbs|Serbians;SLE:Sierra Leonean;SGP:Singaporean;SVK:Slovak|Slovaks;
SVN:Slovenian|Slovene|Slovenes;SOM:Somali|Somalis;ZAF:South African|South Africans;KOR:South Korean|South Koreans;
SSD:South Sudanese;ESP:Spanish|Spaniard|Spaniards;LKA:Sri Lankan|Sri Lankans;SDN:Sudanese;SWE:Swedish|Swede|Swedes;
CHE:Swiss;SYR:Syrian|Syrians;TWN:Taiwanese;TJK:Tajik;TZA:Tanzanian|Tanzanians;THA:Thai;TLS:Timorese|East Timorese;
TGO:Togolese;TTO:Trinidadian;TUN:Tunisian|Tunisians;TUR:Turkish|Turk|Turks;TKM:Turkmen;UGA:Ugandan|Ugandans;
UKR:Ukrainian|Ukrainians;ARE:Emirati|Emiratis;GBR:British|Briton|Britons;USA:American|Americans|U.S.|US;URY:Uruguayan;
UZB:Uzbek|Uzbeks;VEN:Venezuelan|Venezuelans;VNM:Vietnamese;YEM:Yemeni|Yemenis;ZMB:Zambian|Zambians;ZWE:Zimbabwean|Zimbabweans`;

/** Capitals and seats of government that news uses for the government itself ("Beijing said"). */
const CAPITALS = `
AFG:Kabul;ALB:Tirana;DZA:Algiers;ARG:Buenos Aires;ARM:Yerevan;AUS:Canberra;AUT:Vienna;AZE:Baku;BGD:Dhaka;BLR:Minsk;
BEL:Brussels;BIH:Sarajevo;BRA:Brasilia;BGR:Sofia;KHM:Phnom Penh;CAN:Ottawa;CHL:Santiago;CHN:Beijing;COL:Bogota;
COD:Kinshasa;HRV:Zagreb;CUB:Havana;CZE:Prague;DNK:Copenhagen;EGY:Cairo;ETH:Addis Ababa;FIN:Helsinki;FRA:Paris|Elysee;
GEO:Tbilisi;DEU:Berlin;GHA:Accra;GRC:Athens;HTI:Port-au-Prince;HUN:Budapest;IND:New Delhi;IDN:Jakarta;IRN:Tehran;IRQ:Baghdad;
IRL:Dublin;ISR:Jerusalem;ITA:Rome;JPN:Tokyo;JOR:Amman;KAZ:Astana;KEN:Nairobi;PRK:Pyongyang;KOR:Seoul;KWT:Kuwait City;
LBN:Beirut;LBR:Monrovia;LBY:Tripoli;LTU:Vilnius;MKD:Skopje;MYS:Kuala Lumpur;MEX:Mexico City;MNE:Podgorica;MAR:Rabat;
MOZ:Maputo;MMR:Naypyidaw|Yangon;NPL:Kathmandu;NLD:The Hague;NZL:Wellington;NGA:Abuja;NOR:Oslo;PAK:Islamabad;PAN:Panama City;
PER:Lima;PHL:Manila;POL:Warsaw;PRT:Lisbon;QAT:Doha;ROU:Bucharest;RUS:Moscow|Kremlin;RWA:Kigali;SAU:Riyadh;SEN:Dakar;
SRB:Belgrade;SGP:Singapore;SVK:Bratislava;SVN:Ljubljana;SOM:Mogadishu;ZAF:Pretoria;ESP:Madrid;LKA:Colombo;SDN:Khartoum;
SWE:Stockholm;CHE:Bern;SYR:Damascus;TWN:Taipei;THA:Bangkok;TUN:Tunis;TUR:Ankara;UGA:Kampala;UKR:Kyiv|Kiev;ARE:Abu Dhabi;
GBR:London|Downing Street;USA:Washington|White House|Pentagon;VEN:Caracas;VNM:Hanoi;YEM:Sanaa;ZMB:Lusaka;ZWE:Harare`;

/** International and non-governmental organisations, coded IGO/NGO as PLOVER records do. */
const ORGANISATIONS = `
IGO:United Nations|UN|U.N.|UN Security Council|Security Council|General Assembly|NATO|European Union|EU|African Union|
ASEAN|Arab League|OPEC|International Monetary Fund|IMF|World Bank|World Health Organization|WHO|OSCE|
Organization of American States|World Trade Organization|WTO|International Atomic Energy Agency|IAEA|G7|G20|BRICS|
Shanghai Cooperation Organisation|International Criminal Court|ICC|UNHCR|UNICEF|European Commission;
NGO:Red Cross|International Committee of the Red Cross|Amnesty International|Human Rights Watch|Doctors Without Borders|
Medecins Sans Frontieres|Greenpeace|Oxfam`;

export interface ActorName {
  /** Alpha-3 country code, or IGO/NGO. */
  code: string;
  /** Canonical display name (the country's short English name, or the organisation's name). */
  name: string;
  kind: 'country' | 'demonym' | 'capital' | 'organisation';
}

function parseTable(table: string): [string, string[]][] {
  return table
    .replace(/\n/g, '')
    .split(';')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [code, forms] = entry.split(':');
      return [code.trim(), forms.split('|').map((form) => form.trim()).filter(Boolean)];
    });
}

function shortCountryName(names: string | string[]): string {
  const list = Array.isArray(names) ? names : [names];
  // The shortest comma-free alias is the everyday name ("Russia", not "Russian Federation").
  return list.filter((name) => !name.includes(',')).sort((a, b) => a.length - b.length)[0] ?? list[0].split(',')[0];
}

function buildLexicon(): Map<string, ActorName> {
  const lexicon = new Map<string, ActorName>();
  const displayName = new Map<string, string>();
  const add = (form: string, actor: ActorName) => {
    if (!lexicon.has(form)) lexicon.set(form, actor);
  };
  for (const [alpha2, names] of Object.entries(english.countries)) {
    const code = countries.alpha2ToAlpha3(alpha2);
    if (!code) continue;
    const name = shortCountryName(names);
    displayName.set(code, name);
    for (const form of Array.isArray(names) ? names : [names]) {
      // Two-letter aliases ("US") are ambiguous with ordinary words once case is folded; kept only with dots.
      if (form.includes(',') || /^[A-Z]{2}$/.test(form)) continue;
      add(form, { code, name, kind: 'country' });
      if (form.startsWith('The ')) add(form.slice(4), { code, name, kind: 'country' });
    }
  }
  // "Moldova, Republic of" → "Moldova", unless the short form is shared ("Korea" names two states).
  const shortForms = new Map<string, Set<string>>();
  for (const [alpha2, names] of Object.entries(english.countries)) {
    for (const form of Array.isArray(names) ? names : [names]) {
      if (!form.includes(',')) continue;
      const short = form.split(',')[0].trim();
      shortForms.set(short, (shortForms.get(short) ?? new Set()).add(alpha2));
    }
  }
  for (const [short, codes] of shortForms) {
    const code = codes.size === 1 ? countries.alpha2ToAlpha3([...codes][0]) : undefined;
    if (code) add(short, { code, name: displayName.get(code) ?? short, kind: 'country' });
  }
  for (const [code, forms] of parseTable(DEMONYMS)) {
    for (const form of forms) add(form, { code, name: displayName.get(code) ?? form, kind: 'demonym' });
  }
  for (const [code, forms] of parseTable(CAPITALS)) {
    for (const form of forms) add(form, { code, name: displayName.get(code) ?? form, kind: 'capital' });
  }
  for (const [code, forms] of parseTable(ORGANISATIONS)) {
    for (const form of forms) add(form, { code, name: form, kind: 'organisation' });
  }
  return lexicon;
}

/** Surface form (case as written) → actor. Matching is case-sensitive: names are proper nouns. */
export const ACTOR_LEXICON: ReadonlyMap<string, ActorName> = buildLexicon();

const LONGEST_FORM_WORDS = Math.max(...[...ACTOR_LEXICON.keys()].map((form) => form.split(/\s+/).length));

export interface ActorSpan {
  start: number;
  end: number;
  text: string;
  code: string | null;
  name: string;
}

const WORD = /[A-Za-z][A-Za-z.'’-]*[A-Za-z.]|[A-Za-z]/g;

/** Every lexicon name in a text, longest match first, as non-overlapping spans. */
export function findLexiconActors(text: string): ActorSpan[] {
  const words = [...text.matchAll(WORD)].map((match) => ({ start: match.index, end: match.index + match[0].length, text: match[0] }));
  const spans: ActorSpan[] = [];
  for (let i = 0; i < words.length; i++) {
    for (let length = Math.min(LONGEST_FORM_WORDS, words.length - i); length >= 1; length--) {
      const start = words[i].start;
      const end = words[i + length - 1].end;
      let surface = text.slice(start, end);
      let actor = ACTOR_LEXICON.get(surface);
      // A sentence-final "U.S." keeps its dot, but "Sudan." does not.
      if (!actor && surface.endsWith('.')) {
        surface = surface.slice(0, -1);
        actor = ACTOR_LEXICON.get(surface);
      }
      // Possessives: "Russia's".
      if (!actor && /['’]s$/.test(surface)) {
        surface = surface.slice(0, -2);
        actor = ACTOR_LEXICON.get(surface);
      }
      if (actor) {
        spans.push({ start, end: start + surface.length, text: surface, code: actor.code, name: actor.name });
        i += length - 1;
        break;
      }
    }
  }
  return spans;
}

/** The code of a place name, when it is a country or a capital. */
export function placeCode(name: string): string | null {
  const actor = ACTOR_LEXICON.get(name);
  return actor && actor.kind !== 'organisation' ? actor.code : null;
}
