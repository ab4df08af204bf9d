/**
 * Issue 14 item 4: text PostgreSQL cannot store (NUL, unpaired surrogates) is refused at the
 * edge with a 400; a model's output holding it is cleaned and the run lands in PostgreSQL; an
 * outbox entry or a finished run the database refuses for good is dead-lettered with its reason
 * (shown on the System page) and never blocks the entries behind it.
 */
import { assert, assertEquals, assertStringIncludes } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";
import { startFakeOpenAi, textChunks } from "../support/fake_openai.ts";
import { createMember } from "../support/members.ts";
import { eventually } from "../support/leads.ts";
import { Visitor } from "../support/runs.ts";
import { activeRunKey, outboxKey, runKey } from "../../kv/keys.ts";
import type { RunRecord } from "../../lib/agents/runs/record.ts";
import { sweepRuns } from "../../lib/agents/runs/sweeper.ts";
import type { LeadRecord } from "../../lib/leads/sink.ts";
import { listDeadLetters } from "../../lib/outbox/dead_letters.ts";
import { drainOutbox, type OutboxEntry } from "../../lib/outbox/outbox.ts";
import { ulid } from "../../lib/outbox/ulid.ts";
import { DEMO_KEY_HEADER, issueDemoKey } from "../../lib/tracking/demo_key.ts";

const NUL = "\u0000";
const LONE = "\ud800";

function lead(email: string, message: string): OutboxEntry<LeadRecord> {
  const id = ulid();
  const createdAt = new Date().toISOString();
  return {
    id,
    kind: "lead",
    createdAt,
    payload: {
      id: crypto.randomUUID(),
      idempotencyKey: `lead:f:${id}`,
      name: "Poison Test",
      email,
      company: null,
      message,
      consent: true,
      source: "contact",
      verification: "altcha",
      traceId: null,
      createdAt,
    },
  };
}

for (const backend of ["pglite", "postgres"] as const) {
  Deno.test({
    name: `poison text is refused, cleaned or dead-lettered, never blocking [${backend}]`,
    ignore: backend === "postgres" && !Deno.env.get("DATABASE_URL"),
    sanitizeOps: false,
    sanitizeResources: false,
    fn: async (t) => {
      const fake = startFakeOpenAi();
      const app = await startTestApp({
        backend,
        env: {
          SITE_WORKSPACE: "relay-site",
          TRUSTED_PROXY: "true",
          OPENAI_API_KEY: "sk-test-key",
          OPENAI_BASE_URL: fake.baseURL,
          OPENAI_MAX_RETRIES: "0",
        },
      });
      const { kv, db } = app.services;
      const site = await createMember(app.services, app.url, "ops@relay.example", "Relay Site");
      try {
        await t.step("NUL and unpaired surrogates get a 400 at every JSON edge", async () => {
          const v = new Visitor(app);
          const cases: [string, unknown][] = [
            ["/api/runs", { agent: "docs-assistant", input: { question: `How${NUL} to deploy?` } }],
            ["/api/runs", {
              agent: "support-triage",
              input: { body: `My ticket is about billing ${LONE} please help` },
            }],
            ["/api/leads", { name: `Ada${NUL}`, email: "ada@x.example", message: "hello there" }],
            ["/demo/record", { type: "page_view", path: "/", label: `x${LONE}` }],
          ];
          const demoKey = await issueDemoKey(app.services.settings);
          for (const [path, body] of cases) {
            const res = await v.fetch(path, {
              method: "POST",
              headers: { "content-type": "application/json", [DEMO_KEY_HEADER]: demoKey },
              body: JSON.stringify(body),
            });
            const json = await res.json();
            assertEquals(res.status, 400, `${path}: ${JSON.stringify(json)}`);
            assertEquals(json.error.code, "invalid_text", path);
            assertStringIncludes(json.error.message, "NUL");
          }
          const outbox = await Array.fromAsync(kv.list({ prefix: ["outbox"] }));
          assertEquals(outbox.length, 0, "nothing was queued");
        });

        await t.step("dashboard forms refuse it too: a workspace name with NUL", async () => {
          const owner = await createMember(app.services, app.url, "own@poison.example", "Poison");
          const res = await app.fetch(`/dashboard/${owner.workspace.slug}/settings`, {
            method: "POST",
            headers: {
              cookie: owner.cookie,
              origin: app.url,
              "content-type": "application/x-www-form-urlencoded",
            },
            body: new URLSearchParams({ action: "rename", name: `Evil${NUL}Corp` }),
            redirect: "manual",
          });
          assertEquals(res.status, 400);
          assertStringIncludes(await res.text(), "NUL");
          const [row] = await db.query<{ name: string }>("select name from tenants where id = $1", [
            owner.workspace.id,
          ]);
          assertEquals(row.name, "Poison");
        });

        await t.step(
          "a model's output with NUL and a lone surrogate still lands in PostgreSQL",
          async () => {
            fake.script({
              kind: "stream",
              chunks: textChunks(["Rotate", NUL, " keys ", LONE, "now."]),
            });
            const v = new Visitor(app);
            const runId = await v.start("docs-assistant", { question: "How do I rotate keys?" });
            const events = await v.stream(runId);
            assertEquals(events.at(-1)!.data.status, "succeeded");
            let rows: { output: string }[] = [];
            await eventually(
              async () => {
                rows = await db.query("select output from agent_runs where id = $1", [runId]);
                return rows.length === 1;
              },
              10_000,
              "the run's row",
            );
            assertEquals(rows[0].output, "Rotate keys \ufffdnow.");
          },
        );

        await t.step(
          "an outbox entry PostgreSQL refuses is dead-lettered; the others land",
          async () => {
            const entries = [
              lead("first@poison.example", `Hello${NUL}there`),
              lead("second@fine.example", "A perfectly fine message."),
              lead("third@fine.example", "Another fine message."),
            ];
            for (const e of entries) await kv.set(outboxKey(e.id), e);
            const report = await drainOutbox(app.services);
            assertEquals(report, { drained: 2, left: 0 });
            const landed = await db.query<{ email: string }>(
              "select email from leads where email like '%@fine.example' order by email",
            );
            assertEquals(landed.map((r) => r.email), ["second@fine.example", "third@fine.example"]);
            const dead = await listDeadLetters(kv);
            const letter = dead.find((d) => d.id === entries[0].id)!;
            assertEquals(letter.source, "outbox:lead");
            assertStringIncludes(letter.reason, "22021");
            assertEquals((await drainOutbox(app.services)).drained, 0, "it is not retried");
          },
        );

        await t.step(
          "a finished run PostgreSQL refuses is dead-lettered once, not swept forever",
          async () => {
            const id = crypto.randomUUID().replaceAll("-", "");
            const now = Date.now();
            const run: RunRecord = {
              id,
              agent: "docs-assistant",
              provider: "offline",
              model: "offline",
              input: { question: `from before the fix ${NUL}` },
              flags: [],
              owner: { tenantId: null, userId: null, visitorHash: "poison" },
              status: "succeeded",
              attempt: 1,
              createdAt: now,
              startedAt: now,
              firstTokenAt: now,
              finishedAt: now,
              worker: null,
              leaseUntil: null,
              cancelRequested: false,
              usage: { tokensIn: 1, tokensOut: 1 },
              costUsd: 0,
              output: "done",
              error: null,
              traceparent: null,
              reservation: null,
              trackable: false,
              persisted: false,
            };
            await kv.set(runKey(id), run);
            await kv.set(activeRunKey(id), "succeeded");
            const first = await sweepRuns(app.services);
            assertEquals(first.deadLettered, 1);
            assertEquals((await kv.get(activeRunKey(id))).value, null, "out of the sweep");
            const again = await sweepRuns(app.services);
            assertEquals([again.deadLettered, again.persisted], [0, 0]);
            const letter = (await listDeadLetters(kv)).find((d) => d.id === id)!;
            assertEquals(letter.source, "run");
            assert(/^22/.test(letter.reason), letter.reason);
          },
        );

        await t.step(
          "operators see the dead letters and their reasons on the System page",
          async () => {
            const res = await app.fetch(`/dashboard/${site.workspace.slug}/system`, {
              headers: { cookie: site.cookie },
            });
            assertEquals(res.status, 200);
            const html = await res.text();
            assertStringIncludes(html, 'data-system="dead-letters"');
            assertStringIncludes(html, "outbox:lead");
            assertStringIncludes(html, "22021");

            const erase = await app.fetch(`/api/workspaces/${site.workspace.slug}/privacy/erase`, {
              method: "POST",
              headers: { cookie: site.cookie, "content-type": "application/json", origin: app.url },
              body: JSON.stringify({ email: "first@poison.example" }),
            });
            assertEquals((await erase.json()).pending, 1, "a person's erasure covers dead letters");
            const left = await listDeadLetters(kv);
            assertEquals(left.filter((d) => d.source === "outbox:lead").length, 0);
          },
        );
      } finally {
        await app.stop();
        await fake.close();
      }
    },
  });
}
