/**
 * The lead qualifier (the demo's agent) with a company website: it reads the page through the
 * fetch tool, extracts firmographics from what the page says, and cites the page in its
 * reasons; a page it may not read is named with the reason and the run still answers.
 */
import { assert, assertEquals, assertStringIncludes } from "../support/assert.ts";
import { loadSettings } from "../../lib/config.ts";
import { searchDocs } from "../../lib/docs/search.ts";
import { agentById } from "../../lib/agents/registry.ts";
import { runOffline } from "../../lib/agents/providers/offline.ts";
import type { ProviderSink } from "../../lib/agents/types.ts";
import { startCompanySites } from "../support/company_site.ts";

async function qualify(raw: Record<string, unknown>, allowlist: string) {
  const settings = await loadSettings({ DENO_ENV: "test", FETCH_ALLOWLIST: allowlist });
  const agent = agentById("lead-qualifier")!;
  const input = agent.input.parse(raw) as Record<string, unknown>;
  const calls: string[] = [];
  const sink: ProviderSink = {
    token: () => Promise.resolve(),
    toolCall: (c) => Promise.resolve(void calls.push(c.name)),
    toolResult: () => Promise.resolve(),
    usage: () => Promise.resolve(),
  };
  const env = { settings, searchDocs, signal: new AbortController().signal };
  const { output } = await runOffline(agent, input, env, sink, { chunkDelayMs: 0 });
  return { output, calls };
}

const VAGUE = { text: "Hello, we would like to hear more about your agents." };

Deno.test("the lead qualifier reads the company site and cites it", async () => {
  const sites = startCompanySites();
  try {
    const url = sites.url("/northwind");
    const withSite = await qualify({ ...VAGUE, website: url }, "127.0.0.1");
    assertEquals(withSite.calls[0], "fetch_company_page");
    assertStringIncludes(withSite.output, `- Read ${url} ("Northwind Freight")`);
    assertStringIncludes(withSite.output, "- Industry: logistics");
    assertStringIncludes(withSite.output, "- Employees: 400");
    const without = await qualify(VAGUE, "127.0.0.1");
    assert(!without.calls.includes("fetch_company_page"), "no site, no fetch");
    assertStringIncludes(without.output, "- Industry: not stated");
  } finally {
    await sites.close();
  }
});

Deno.test("a site the guard refuses is named with the reason; the qualifier still answers", async () => {
  const sites = startCompanySites();
  try {
    const url = sites.url("/northwind");
    const { output } = await qualify({ ...VAGUE, website: url }, "");
    assertStringIncludes(
      output,
      `- Could not read ${url}: The host 127.0.0.1 points to a private, loopback or link-local address`,
    );
    assertStringIncludes(output, "- Industry: not stated");
    assertStringIncludes(output, "Follow-up email");
  } finally {
    await sites.close();
  }
});
