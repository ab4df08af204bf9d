/**
 * Nothing invented ships: the customers, testimonials, address, phone number, constant figures
 * and feature claims removed in issue 15 are absent from every content, page, component and doc
 * file, and from every public page as a visitor receives it. Claims made true since (tickets
 * answered automatically, accuracy per category, unanswered questions on the dashboard: see
 * tests/integration/tickets_test.ts and unanswered_questions_test.ts) are no longer listed.
 */
import { assert } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";

/** Phrases that were invented or claimed features that do not exist. */
const REMOVED = [
  // invented customers and the people quoted for them
  "Brightline Health",
  "Kestrel Analytics",
  "Fernhill Software",
  "Oakridge Mutual",
  "Amara Okafor",
  "Jonas Lindqvist",
  "Priya Raman",
  "Trusted by teams",
  "busiest queues on Relay",
  // fictional address, phone, company and social accounts
  "Clerkenwell",
  "EC1R",
  "7946 0321",
  "Relay Agents Ltd",
  "github.com/relay-agents",
  "linkedin.com/company/relay-agents",
  "hachyderm.io",
  // typed-in figures
  "Tickets triaged last month",
  "Runs with a full audit trail",
  // hand-made "recorded" examples the agents contradict
  "score_fit",
  "Fit score 86/100",
  "Priority: P1",
  "Sentiment: anxious",
  // features that do not exist
  "a first draft, not a template",
  "Slack or your CRM",
  "webhook from your help desk",
  "on-call channel",
  "jump the queue",
  "the only way agents fetch",
  "agents' fetch tool",
  "uptime SLA",
  "Dedicated engineer",
  "will reply within one business day",
  "replies within one business day",
  "solutions engineer",
  "30-minute walkthrough",
  "one short call",
];

/** A sample company the lead qualifier offers as demo input; never shown as a customer. */
const SAMPLE_COMPANY = "Northwind Freight";

/** Folders and files that hold what visitors read. */
const SCANNED = ["content/", "routes/", "components/", "islands/", "lib/", "docs/", "README.md"];

/** Where the sample company may appear: the agents' sample inputs and their transcripts. */
const SAMPLE_HOMES = ["lib/agents/", "content/examples/"];

const root = new URL("../../", import.meta.url);

async function* files(path: string): AsyncGenerator<string> {
  const url = new URL(path, root);
  const info = await Deno.stat(url);
  if (info.isFile) {
    yield path;
    return;
  }
  for await (const entry of Deno.readDir(url)) {
    const child = `${path}${entry.name}${entry.isDirectory ? "/" : ""}`;
    if (entry.isDirectory) yield* files(child);
    else if (/\.(tsx?|md|json)$/.test(entry.name)) yield child;
  }
}

function found(text: string, phrases: string[]): string[] {
  const lower = text.toLowerCase();
  return phrases.filter((p) => lower.includes(p.toLowerCase()));
}

Deno.test("no content, page, component or doc file carries a removed claim", async () => {
  const problems: string[] = [];
  let scanned = 0;
  for (const start of SCANNED) {
    for await (const path of files(start)) {
      scanned++;
      const text = await Deno.readTextFile(new URL(path, root));
      const banned = SAMPLE_HOMES.some((h) => path.startsWith(h))
        ? REMOVED
        : [...REMOVED, SAMPLE_COMPANY];
      for (const phrase of found(text, banned)) problems.push(`${path}: "${phrase}"`);
    }
  }
  assert(scanned > 100, `scanned the site's files (${scanned})`);
  assert(problems.length === 0, `removed claims are back:\n${problems.join("\n")}`);
});

Deno.test("no public page shows a removed claim, a phone number or a postal address", async () => {
  const app = await startTestApp();
  try {
    const xml = await (await app.fetch("/sitemap.xml")).text();
    const paths = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
    assert(paths.length >= 18, `sitemap lists the pages (${paths.length})`);
    const problems: string[] = [];
    for (const path of [...paths, "/contact"]) {
      const html = await (await app.fetch(path)).text();
      for (const phrase of found(html, REMOVED)) problems.push(`${path}: "${phrase}"`);
      if (/href="tel:/.test(html)) problems.push(`${path}: a phone link`);
      if (/"PostalAddress"|"telephone"/.test(html)) problems.push(`${path}: address in JSON-LD`);
      const outsideDemo = html.replace(/<div id="live-demo"[\s\S]*?<\/section>/g, "");
      if (outsideDemo.includes(SAMPLE_COMPANY)) problems.push(`${path}: "${SAMPLE_COMPANY}"`);
    }
    assert(problems.length === 0, `removed claims on pages:\n${problems.join("\n")}`);
  } finally {
    await app.stop();
  }
});
