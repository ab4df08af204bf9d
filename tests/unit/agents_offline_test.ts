/**
 * The offline engine per agent, on realistic inputs, with the real tools and the real docs
 * index: what a visitor reads must be right, cited and the same every time.
 */
import { assert, assertEquals, assertRejects, assertStringIncludes } from "../support/assert.ts";
import { loadSettings, type Settings } from "../../lib/config.ts";
import { searchDocs } from "../../lib/docs/search.ts";
import { agentById } from "../../lib/agents/registry.ts";
import { chunkText, runOffline } from "../../lib/agents/providers/offline.ts";
import { costOf, priceOf } from "../../lib/agents/pricing.ts";
import { HttpError } from "../../lib/framework/mod.ts";
import { isNotInDocs, NOT_IN_DOCS } from "../../lib/agents/definitions/docs_answer.ts";
import { eicarTestString } from "../../lib/security/content/mod.ts";
import type { ProviderSink } from "../../lib/agents/types.ts";

const settings = await loadSettings({ DENO_ENV: "test" });

async function offline(agentId: string, raw: Record<string, unknown>, s: Settings = settings) {
  const agent = agentById(agentId)!;
  const parsed = agent.input.parse(raw) as Record<string, unknown>;
  const input = agent.prepare ? await agent.prepare(parsed, s) : parsed;
  const calls: { name: string; arguments: Record<string, unknown> }[] = [];
  const results: unknown[] = [];
  const tokens: string[] = [];
  /** Text and tool steps in the order they streamed ("call:name", "result:name", text). */
  const timeline: string[] = [];
  const text = (t: string) => {
    const last = timeline.length - 1;
    if (last >= 0 && !/^(call|result):/.test(timeline[last])) timeline[last] += t;
    else timeline.push(t);
  };
  const sink: ProviderSink = {
    token: (t) => Promise.resolve(void (tokens.push(t), text(t))),
    toolCall: (c) => Promise.resolve(void (calls.push(c), timeline.push(`call:${c.name}`))),
    toolResult: (r) =>
      Promise.resolve(void (results.push(r.result), timeline.push(`result:${r.name}`))),
    usage: () => Promise.resolve(),
  };
  const env = { settings: s, searchDocs, signal: new AbortController().signal };
  const result = await runOffline(agent, input, env, sink, { chunkDelayMs: 0 });
  assertEquals(tokens.join(""), result.output, "the streamed chunks add up to the answer");
  return { ...result, calls, results, tokens, timeline };
}

const KNOWN_QUESTIONS: [string, string][] = [
  ["How do I rotate a secret?", "/docs/operations#rotating-a-secret"],
  [
    "How do I use a PostgreSQL server instead of PGlite?",
    "/docs/running-locally#use-a-postgresql-server-instead-of-pglite",
  ],
  [
    "How does a client resume a run stream after a dropped connection?",
    "/docs/runs-api#follow-a-run",
  ],
  ["What do the readiness probes check?", "/docs/deployment#probes"],
  ["What does the consent cookie store?", "/docs/privacy-and-consent#the-consent-cookie"],
];

for (const [question, url] of KNOWN_QUESTIONS) {
  Deno.test(`docs assistant cites ${url} for "${question}"`, async () => {
    const r = await offline("docs-assistant", { question });
    assertEquals(r.calls[0].name, "search_docs");
    const sources = r.output.slice(r.output.indexOf("Sources:"));
    assertStringIncludes(sources, `[1] [`, "numbered citations");
    const first = sources.match(/\[1\] \[[^\]]+\]\(([^)]+)\)/)![1];
    assertEquals(first, url, `first source for "${question}"`);
    assertStringIncludes(r.output, "[1]", "the answer refers to its sources");
  });
}

Deno.test("docs assistant says so when the docs do not cover a question", async () => {
  const r = await offline("docs-assistant", { question: "qwxzv plorkt" });
  assertStringIncludes(r.output, "The Relay docs do not cover this");
});

Deno.test("docs assistant: a product the docs never mention is not in the docs", async () => {
  const r = await offline("docs-assistant", {
    question: "Can Relay page our on-call staff through PagerDuty?",
  });
  assertEquals((r.results[0] as { unmentioned: string[] }).unmentioned, ["PagerDuty"]);
  assert(isNotInDocs(r.output), r.output);
  assertStringIncludes(r.output, `\n\n${NOT_IN_DOCS}: they never mention`);
  assertStringIncludes(r.output, `never mention "PagerDuty"`);
});

Deno.test("offline steps and text interleave in the order they happened", async () => {
  const docs = await offline("docs-assistant", { question: "How do I rotate a secret?" });
  assertEquals(docs.timeline.length, 4, docs.timeline.join(" | "));
  assertEquals(docs.timeline[0], "Let me look that up in the docs.\n\n");
  assertEquals(docs.timeline.slice(1, 3), ["call:search_docs", "result:search_docs"]);
  assertStringIncludes(docs.timeline[3], "](/docs/operations#rotating-a-secret)");

  const triage = await offline("support-triage", {
    subject: "Nothing works",
    body: "Since 9am every page returns 503 for all of our users. Please fix this now!",
  });
  const t = triage.timeline;
  const at = (entry: string) => t.indexOf(entry);
  assertEquals(at("call:classify_ticket"), 0, t.join(" | "));
  assert(t[at("result:classify_ticket") + 1].startsWith("Category: outage"), t.join(" | "));
  assertEquals(t[at("result:classify_ticket") + 2], "call:search_docs");
  assert(t[at("result:search_docs") + 1].startsWith("Relevant docs\n- ["), t.join(" | "));
  assertEquals(t[at("result:search_docs") + 2], "call:draft_reply");
  assert(t.at(-1)!.startsWith("Draft reply\n\n"), t.join(" | "));

  const lead = await offline("lead-qualifier", agentById("lead-qualifier")!.example);
  const l = lead.timeline;
  assert(l[l.indexOf("result:extract_firmographics") + 1].startsWith("Firmographics\n"));
  assertEquals(l[l.indexOf("result:extract_firmographics") + 2], "call:score_icp_fit");
  assert(l.at(-1)!.startsWith("Northwind Freight: strong fit"), l.join(" | "));
});

Deno.test("the offline engine is deterministic: same input, same answer, same token counts", async () => {
  const a = await offline("docs-assistant", { question: "How do I run the tests?" });
  const b = await offline("docs-assistant", { question: "How do I run the tests?" });
  assertEquals(a.output, b.output);
  assertEquals(a.tokens, b.tokens);
  assertEquals(a.usage, b.usage);
  assert(a.usage.tokensIn > 0 && a.usage.tokensOut > 0);
  assertEquals(a.model, "offline");
});

Deno.test("lead qualifier: a strong-fit logistics company, with reasons and a follow-up", async () => {
  const agent = agentById("lead-qualifier")!;
  const r = await offline("lead-qualifier", agent.example);
  assertEquals(r.calls.map((c) => c.name), [
    "extract_firmographics",
    "score_icp_fit",
    "draft_follow_up",
  ]);
  const facts = r.results[0] as Record<string, unknown>;
  assertEquals(facts.company, "Northwind Freight");
  assertEquals(facts.industry, "logistics");
  assertEquals(facts.employees, 400);
  assertEquals(facts.revenue, { amount: 60_000_000, currency: "USD" });
  assertEquals([facts.location, facts.region], ["Chicago", "north america"]);
  assertEquals(facts.funding, "series b");
  assertEquals(facts.tools, ["zendesk"]);
  assertEquals(facts.signals, ["support volume", "lead qualification", "automation"]);
  assertStringIncludes(r.output, "Northwind Freight: strong fit (100/100)");
  assertStringIncludes(r.output, '+30 industry "logistics" is in the profile');
  assertStringIncludes(r.output, "Subject: Relay for Northwind Freight: next steps");
  assertStringIncludes(r.output, "Would a 30-minute call this week suit you?");
});

Deno.test("lead qualifier: a tiny company outside the profile is a poor fit, and unknowns are asked", async () => {
  const r = await offline("lead-qualifier", {
    company: "Crumb & Co",
    text: "Crumb & Co is a family bakery in Sydney with 6 staff selling bread in two shops.",
  });
  assertStringIncludes(r.output, "Crumb & Co: poor fit (0/100)");
  assertStringIncludes(r.output, '+0 industry "food and beverage" is outside the profile');
  assertStringIncludes(r.output, '+0 region "asia pacific" is not a served region');
  const vague = await offline("lead-qualifier", {
    text: "We are a team of 6 in Sydney and would like a nicer website.",
  });
  assertStringIncludes(vague.output, "could you tell us which market you serve?");
});

Deno.test("lead qualifier: reads an uploaded CSV and scores against ICP settings", async () => {
  const csv = "company,industry,employees,location\nShopwise,online retailer,1200,Madrid\n";
  const document = { name: "lead.csv", type: "text/csv", contentBase64: btoa(csv) };
  const r = await offline("lead-qualifier", { text: "", document });
  const facts = r.results[0] as Record<string, unknown>;
  assertEquals(facts.industry, "e-commerce");
  assertEquals(facts.employees, 1200);
  assertEquals(facts.region, "europe");
  const retailOnly = await loadSettings({ DENO_ENV: "test", ICP_INDUSTRIES: "media" });
  const other = await offline("lead-qualifier", { text: "", document }, retailOnly);
  assertStringIncludes(other.output, '+0 industry "e-commerce" is outside the profile');
});

Deno.test("lead qualifier refuses a binary upload and malware before any tool sees them", async () => {
  const agent = agentById("lead-qualifier")!;
  const upload = (bytes: number[] | string) => ({
    text: "",
    document: {
      name: "x.txt",
      type: "text/plain",
      contentBase64: btoa(typeof bytes === "string" ? bytes : String.fromCharCode(...bytes)),
    },
  });
  const binary = await assertRejects(
    () => agent.prepare!(agent.input.parse(upload([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0])), settings),
    HttpError,
  );
  assertEquals([binary.status, binary.code], [415, "unsupported_type"]);
  const eicar = await assertRejects(
    () => agent.prepare!(agent.input.parse(upload(eicarTestString())), settings),
    HttpError,
  );
  assertEquals([eicar.status, eicar.code], [422, "malware_detected"]);
});

const TICKETS: [Record<string, string>, string, string, string][] = [
  [
    {
      subject: "Charged twice this month!!",
      body:
        "I was charged twice for the Team plan. This is unacceptable, please refund the extra payment.",
    },
    "billing",
    "high",
    "negative",
  ],
  [
    {
      subject: "Dashboard down",
      body:
        "The dashboard is down for all users in production since 9:00, we see 503 errors everywhere.",
    },
    "outage",
    "urgent",
    "neutral",
  ],
  [
    {
      subject: "Idea",
      body:
        "It would be great if you could add a Microsoft Teams integration. Thanks, we love the product!",
    },
    "feature request",
    "low",
    "positive",
  ],
  [
    { body: "How do I configure my own OpenAI key for the agents?" },
    "how-to",
    "normal",
    "neutral",
  ],
];

for (const [ticket, category, priority, sentiment] of TICKETS) {
  Deno.test(`support triage: "${ticket.subject ?? ticket.body.slice(0, 30)}" is ${category}, ${priority}, ${sentiment}`, async () => {
    const r = await offline("support-triage", ticket);
    assertEquals(r.calls.map((c) => c.name), ["classify_ticket", "search_docs", "draft_reply"]);
    assertStringIncludes(
      r.output,
      `Category: ${category} · Priority: ${priority} · Sentiment: ${sentiment}`,
    );
    assertStringIncludes(r.output, "Draft reply");
    assertStringIncludes(r.output, "Relay Support");
  });
}

Deno.test("support triage greets a ticket without a name neutrally, never with a sample's name", async () => {
  const r = await offline("support-triage", {
    subject: "VAT number on our invoice",
    body: "Our finance team needs the VAT number on last month's invoice. Can you reissue it?",
  });
  assertStringIncludes(r.output, "Category: billing · Priority: normal");
  assertStringIncludes(r.output, "Hi there,");
  assert(!/Hi (Sam|Dana)/.test(r.output), r.output);
  const docs = r.output.slice(r.output.indexOf("Relevant docs"), r.output.indexOf("Draft reply"));
  assert(
    /usage-and-quotas|quotas-per-workspace-and-plan|#prices/.test(docs),
    `a billing-related doc: ${docs}`,
  );
});

Deno.test("support triage: an obvious outage is urgent and negative, with an operations doc", async () => {
  const r = await offline("support-triage", {
    subject: "Nothing works",
    body:
      "Since 9am every page returns 503 for all of our users. Our support desk is blocked, please fix this right now!!",
  });
  assertStringIncludes(r.output, "Category: outage · Priority: urgent · Sentiment: negative");
  assertStringIncludes(r.output, "(/docs/operations#health-first)");
});

Deno.test("support triage links the docs that answer a how-to question", async () => {
  const r = await offline("support-triage", {
    subject: "Running it on my laptop",
    body: "How do I run the site locally with a PostgreSQL server instead of PGlite?",
  });
  assertStringIncludes(
    r.output,
    "(/docs/running-locally#use-a-postgresql-server-instead-of-pglite)",
  );
  assertStringIncludes(
    r.output,
    "/docs/running-locally#use-a-postgresql-server-instead-of-pglite\n",
  );
});

Deno.test("chunks keep every character, and prices turn usage into cost", () => {
  const text = "Hello  world,\nthis is\ta test. ";
  assertEquals(chunkText(text).join(""), text);
  assertEquals(chunkText("").join(""), "");
  assertEquals(priceOf("gpt-4o-2024-08-06"), priceOf("gpt-4o"));
  assertEquals(costOf("gpt-4o", { tokensIn: 1_000_000, tokensOut: 1_000_000 }), 12.5);
  assertEquals(costOf("offline", { tokensIn: 5000, tokensOut: 5000 }), 0);
});
