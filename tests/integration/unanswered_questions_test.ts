/**
 * Issue 15: the docs assistant's unanswered questions (answers saying the docs do not cover
 * the question) are counted by normalized text when a run finishes, and shown on the
 * dashboard with their count and when last asked: the site's workspace sees its visitors'
 * questions, another workspace only its own.
 */
import { assert, assertEquals, assertStringIncludes } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";
import { createMember, createToken } from "../support/members.ts";
import { applyRetention } from "../../lib/retention/apply.ts";
import { parseSse, streamedText, Visitor } from "../support/runs.ts";

const GAP = "What is the airspeed velocity of an unladen swallow?";
const GAP_AGAIN = "what is the AIRSPEED velocity of an unladen swallow";
const COUNTED = "what is the airspeed velocity of an unladen swallow";
const ANSWERED = "How do I run the site locally?";

for (const backend of ["pglite", "postgres"] as const) {
  Deno.test({
    name: `the docs assistant's unanswered questions are counted on the dashboard [${backend}]`,
    sanitizeOps: false,
    sanitizeResources: false,
    fn: async () => {
      const app = await startTestApp({
        backend,
        env: { SITE_WORKSPACE: "relay-site", TRUSTED_PROXY: "true" },
      });
      try {
        const site = await createMember(app.services, app.url, "ops@relay.example", "Relay Site");
        const other = await createMember(app.services, app.url, "ops@other.example", "Other");
        const token = await createToken(app.services, other);
        const visitor = new Visitor(app);
        const ask = async (question: string, headers: HeadersInit = {}) => {
          const runId = await visitor.start("docs-assistant", { question }, headers);
          const res = await visitor.fetch(`/api/runs/${runId}/stream`, { headers });
          assertEquals(res.status, 200);
          const events = parseSse(await res.text());
          assert(events.some((e) => e.event === "done"), "the run finished");
          return streamedText(events);
        };
        assertStringIncludes(await ask(GAP), "do not cover");
        assertStringIncludes(await ask(GAP_AGAIN), "do not cover");
        const answered = await ask(ANSWERED);
        assert(!answered.includes("do not cover"), "this one is answered");
        await ask(GAP, { authorization: `Bearer ${token}` });

        const page = async (member: typeof site) => {
          const res = await app.fetch(`/dashboard/${member.workspace.slug}/questions`, {
            headers: { cookie: member.cookie },
          });
          assertEquals(res.status, 200);
          return await res.text();
        };
        const row = (html: string, q: string) =>
          new RegExp(`data-question="${q}"[\\s\\S]*?</tr>`).exec(html)?.[0] ?? "";
        const siteHtml = await page(site);
        assertStringIncludes(row(siteHtml, COUNTED), "data-asked>2<");
        assert(!siteHtml.includes("run the site locally"), "answered questions are not listed");
        const otherHtml = await page(other);
        assertStringIncludes(row(otherHtml, COUNTED), "data-asked>1<");
        const nav = await page(site);
        assertStringIncludes(nav, 'href="/dashboard/relay-site/questions"');

        await app.services.db.query(
          "update docs_unanswered set last_asked_at = now() - interval '400 days'",
        );
        assertEquals((await applyRetention(app.services)).unansweredQuestions, 2);
        assertStringIncludes(await page(site), "No unanswered questions yet.");
      } finally {
        await app.stop();
      }
    },
  });
}
