import { assert, assertEquals } from "../support/assert.ts";
import { analyze, stem, tokenize } from "../../lib/docs/analyze.ts";
import { searchDocs, SearchIndex, snippet, withinOneEdit } from "../../lib/docs/search.ts";
import { synonymTerms } from "../../lib/docs/synonyms.ts";
import { getDocsSite } from "../../lib/docs/store.ts";

const entry = (slug: string, section: string, text: string, anchor = slugOf(section)) => ({
  slug,
  title: slug.replace(/-/g, " "),
  section,
  anchor,
  text,
});
function slugOf(s: string) {
  return s.toLowerCase().replace(/\s+/g, "-");
}

const index = new SearchIndex([
  entry("deploy", "Containers", "Run several replicas sharing one denokv server and PostgreSQL."),
  entry("deploy", "Probes", "Use readyz for readiness and healthz for liveness checks."),
  entry(
    "config",
    "Key lists and rotation",
    "Rotate keys by putting a new key first. Old keys still verify.",
  ),
  entry(
    "config",
    "Secrets from files",
    "Any variable can come from NAME_FILE, such as DATABASE_URL_FILE.",
  ),
  entry("ops", "Rotating a secret", "Generate a key, put it first, deploy, then drop the old key."),
  entry("ops", "Logs", "Logs are JSON lines with the request id and trace id."),
  entry(
    "runs",
    "Follow a run",
    "Server-Sent Events resume after Last-Event-ID with no event repeated.",
  ),
]);

Deno.test("analysis: stems share forms, identifiers split, stop words dropped", () => {
  assertEquals(
    new Set(["configure", "configured", "configuring", "configuration"].map(stem)).size,
    1,
  );
  assertEquals(new Set(["rotate", "rotating", "rotation", "rotated"].map(stem)).size, 1);
  assertEquals(stem("queries"), stem("query"));
  assertEquals(stem("deployments"), stem("deploy"));
  assertEquals(analyze("the DATABASE_URL"), ["database_url", stem("database"), "url"]);
  assert(analyze("consentFrom").includes("consent"));
  assertEquals(analyze("how do I"), []);
  const tokens = tokenize("Hello, wide world");
  assertEquals(tokens.map((t) => [t.start, t.end]), [[0, 5], [7, 11], [12, 17]]);
});

Deno.test("ranking: headings weigh more, every word matching beats one, stems match", () => {
  const hits = index.search("rotating secrets");
  assertEquals(hits[0].url, "/docs/ops#rotating-a-secret");
  assertEquals(hits[0].section, "Rotating a secret");
  assert(hits.some((h) => h.url === "/docs/config#key-lists-and-rotation"));
  assert(hits[0].score > hits[1].score);
  assertEquals(index.search("readiness")[0].anchor, "probes");
});

Deno.test("identifiers, prefixes and one typo still find the section", () => {
  assertEquals(index.search("DATABASE_URL_FILE")[0].anchor, "secrets-from-files");
  assertEquals(index.search("NAME_FILE")[0].anchor, "secrets-from-files");
  assertEquals(index.search("replic")[0].anchor, "containers");
  assertEquals(index.search("postgre")[0].anchor, "containers");
  assertEquals(index.search("postgrseql")[0].anchor, "containers");
  assertEquals(index.search("last-event-id")[0].anchor, "follow-a-run");
  assertEquals(index.search("replcas")[0].anchor, "containers");
  assert(withinOneEdit("kitten", "kiten") && withinOneEdit("kitten", "iktten"));
  assert(!withinOneEdit("kitten", "sitting") && !withinOneEdit("kitten", "ktiten2"));
});

Deno.test("empty, stop-word-only and unknown queries give no hits; limit is honoured", () => {
  assertEquals(index.search(""), []);
  assertEquals(index.search("the and of"), []);
  assertEquals(index.search("zzzzqqq"), []);
  assertEquals(index.search("key", 1).length, 1);
});

Deno.test("snippets centre on the match and mark cuts with an ellipsis", () => {
  const long = "Intro words. ".repeat(30) + "The circuit breaker opens after repeated failures. " +
    "Tail words. ".repeat(30);
  const s = snippet(long, new Set(analyze("circuit breaker")));
  assert(s.startsWith("…") && s.endsWith("…"), s);
  assert(s.includes("circuit breaker opens"), s);
  assert(s.length <= 185, `${s.length}`);
});

Deno.test("searchDocs over the real docs: section-level hits that link to real anchors", async () => {
  const site = await getDocsSite();
  const cases: [string, string][] = [
    ["how do I rotate secrets", "/docs/operations#rotating-a-secret"],
    ["Last-Event-ID replay demo stream", "/docs/demo-feed-api#follow-the-feed"],
    ["Idempotency-Key", "/docs/runs-api#start-a-run"],
    ["Sec-GPC consent cookie", "/docs/privacy-and-consent"],
    ["readiness probe", "/docs/deployment#probes"],
  ];
  for (const [q, expected] of cases) {
    const hits = await searchDocs(q, 5);
    assert(hits.length > 0, q);
    assert(
      hits.slice(0, 3).some((h) => h.url.startsWith(expected)),
      `${q}: ${hits.map((h) => h.url)}`,
    );
    for (const h of hits) {
      const page = site.bySlug.get(h.slug);
      assert(page, `${h.slug} exists`);
      assert(!h.anchor || page.html.includes(`id="${h.anchor}"`), `${h.url} anchor exists`);
      assertEquals(h.url, `/docs/${h.slug}${h.anchor ? `#${h.anchor}` : ""}`);
      assert(h.snippet.length > 0 && h.title.length > 0 && h.score > 0);
    }
  }
  const limited = await searchDocs("the runs API", 2);
  assert(limited.length <= 2);
});

Deno.test("the glossary: a visitor's word finds the section worded the docs' way", () => {
  const docs = new SearchIndex([
    entry("accounts", "Sessions", "After you sign in, a session ends after 7 days without use."),
    entry("ops", "Logs", "Logs are JSON lines with the request id."),
  ]);
  assertEquals(docs.search("how long does a login last")[0]?.anchor, "sessions");
  assertEquals(docs.search("can I log in with GitHub")[0]?.anchor, "sessions");
  assertEquals(
    synonymTerms("How do I wipe my data?").get("wipe"),
    new Set([stem("delete"), "wipe"]),
  );
  assertEquals(synonymTerms("Can I log in?").get("log"), new Set([stem("sign")]));
  assertEquals(synonymTerms("where are the audit logs kept").size, 0);
});

Deno.test("names the docs never mention are reported, the first word and 'I' are not names", () => {
  assertEquals(index.unknownNames("Can I pay with PayPal or by SEPA?"), ["PayPal", "SEPA"]);
  assertEquals(index.unknownNames("Does it run on PostgreSQL with denokv?"), []);
  assertEquals(index.unknownNames("Where I deploy Containers"), []);
  assertEquals(index.unknownNames("Is there an iPhone app?"), ["iPhone"]);
});
