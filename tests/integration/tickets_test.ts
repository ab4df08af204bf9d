/**
 * Issue 15, support triage as a product: tickets sent to a workspace's signed webhook are
 * triaged by the support-triage agent as a job (KV queues on PGlite, graphile-worker on
 * PostgreSQL), urgent ones alert the workspace's webhook, categories the workspace chose are
 * answered automatically to the ticket's reply URL, and operators' corrections make the
 * accuracy per category. Bad deliveries get clear 4xx JSON; other workspaces' tickets are 404.
 */
import { assert, assertEquals, assertStringIncludes } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";
import { eventually } from "../support/leads.ts";
import { createMember, createToken } from "../support/members.ts";
import { startReceiver } from "../support/receivers.ts";
import {
  BILLING,
  createSigningKey,
  HOW_TO,
  OUTAGE,
  postForm,
  sendTicket,
} from "../support/tickets.ts";
import { quotaKey } from "../../kv/keys.ts";
import { limitsFor } from "../../lib/plans.ts";
import { applyRetention } from "../../lib/retention/apply.ts";
import { periodsOf } from "../../lib/security/quotas.ts";
import { ticketSignature } from "../../lib/tickets/signature.ts";

async function error(res: Response): Promise<{ status: number; code: string }> {
  const body = await res.json();
  return { status: res.status, code: body.error?.code };
}

for (const backend of ["pglite", "postgres"] as const) {
  const jobs = backend === "postgres" ? "postgres" : "kv";
  Deno.test({
    name: `tickets: signed webhook, triage job, alerts, auto-answers, corrections [${backend}]`,
    sanitizeOps: false,
    sanitizeResources: false,
    fn: async (t) => {
      const hooks = startReceiver({ "/alert": [500] });
      const app = await startTestApp({
        backend,
        env: { JOBS_BACKEND: jobs, FETCH_ALLOWLIST: "127.0.0.1", NOTIFY_BACKOFF_MS: "50,50" },
      });
      const { db } = app.services;
      try {
        const acme = await createMember(app.services, app.url, "ops@acme.example", "Acme");
        const other = await createMember(app.services, app.url, "ops@other.example", "Other");
        const ticketRow = async (externalId: string) =>
          (await db.query<{ id: string; status: string; category: string; priority: string }>(
            "select id, status, category, priority from tickets where external_id = $1",
            [externalId],
          ))[0];
        const settingsPath = `/dashboard/${acme.workspace.slug}/tickets/settings`;

        await t.step("without a key the webhook answers 404 JSON", async () => {
          const res = await sendTicket(app, acme.workspace.slug, "rtk_nokey", OUTAGE);
          assertEquals(await error(res), { status: 404, code: "not_found" });
        });

        const key = await createSigningKey(app, acme);
        const settingsHtml = await (await app.fetch(settingsPath, {
          headers: { cookie: acme.cookie },
        })).text();
        assert(!settingsHtml.includes(key), "the key is shown once, not on the next visit");
        assertStringIncludes(settingsHtml, key.slice(0, 10));

        await t.step("bad signatures, old timestamps, replays and bad bodies are 4xx", async () => {
          const slug = acme.workspace.slug;
          const missing = await app.fetch(`/api/workspaces/${slug}/tickets`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(OUTAGE),
          });
          assertEquals(await error(missing), { status: 401, code: "signature_missing" });
          const wrongKey = await sendTicket(app, slug, "rtk_wrong", OUTAGE);
          assertEquals(await error(wrongKey), { status: 401, code: "bad_signature" });
          const old = await sendTicket(app, slug, key, OUTAGE, {
            timestamp: Math.floor(Date.now() / 1000) - 3600,
          });
          assertEquals(await error(old), { status: 401, code: "stale_timestamp" });
          const form = await app.fetch(`/api/workspaces/${slug}/tickets`, {
            method: "POST",
            headers: { "content-type": "application/x-www-form-urlencoded" },
            body: "body=hello+there+world",
          });
          assertEquals(await error(form), { status: 415, code: "unsupported_media_type" });
          const notJson = await sendTicket(app, slug, key, null, { body: "{not json" });
          assertEquals(await error(notJson), { status: 400, code: "invalid_json" });
          const short = await sendTicket(app, slug, key, { body: "help" });
          assertEquals(await error(short), { status: 400, code: "invalid_ticket" });
          const huge = await sendTicket(app, slug, key, { body: "x".repeat(70_000) });
          assertEquals(await error(huge), { status: 413, code: "payload_too_large" });
          const stamp = Math.floor(Date.now() / 1000);
          const raw = JSON.stringify({ ...HOW_TO, externalId: "HD-replay" });
          const headers = {
            "content-type": "application/json",
            "x-relay-timestamp": String(stamp),
            "x-relay-signature": await ticketSignature(key, stamp, raw),
          };
          const path = `/api/workspaces/${slug}/tickets`;
          const first = await app.fetch(path, { method: "POST", headers, body: raw });
          assertEquals(first.status, 202, await first.text());
          const again = await app.fetch(path, { method: "POST", headers, body: raw });
          assertEquals(await error(again), { status: 409, code: "replayed" });
          assertEquals(
            (await db.query("select 1 from tickets where tenant_id = $1", [acme.workspace.id]))
              .length,
            1,
            "only the well-signed ticket was stored, once",
          );
        });

        await t.step(
          "the workspace answers billing automatically and alerts on urgent",
          async () => {
            const auto = await postForm(app, acme, settingsPath, {
              action: "auto_answer",
              "auto:billing": "on",
            });
            assertEquals(auto.status, 303);
            const alert = await postForm(app, acme, settingsPath, {
              action: "alert",
              alertUrl: `${hooks.url}/alert`,
            });
            assertEquals(alert.status, 303);
            const page = await (await app.fetch(settingsPath, { headers: { cookie: acme.cookie } }))
              .text();
            assertStringIncludes(page, `data-alert-host>127.0.0.1:`);
            assert(!page.includes("/alert"), "the alert URL itself is not shown");
          },
        );

        await t.step(
          "an urgent ticket is triaged and alerts the webhook (after a retry)",
          async () => {
            const res = await sendTicket(app, acme.workspace.slug, key, OUTAGE);
            assertEquals(res.status, 202);
            const { id } = await res.json();
            const again = await sendTicket(app, acme.workspace.slug, key, OUTAGE, {
              timestamp: Math.floor(Date.now() / 1000) + 1,
            });
            assertEquals([again.status, (await again.json()).id], [200, id], "not stored twice");
            await eventually(
              () => Promise.resolve(hooks.received.filter((r) => r.path === "/alert").length === 2),
              30_000,
              "the alert, retried once",
            );
            const row = await ticketRow("HD-1");
            assertEquals([row.id, row.status, row.category, row.priority], [
              id,
              "triaged",
              "outage",
              "urgent",
            ]);
            const alert = JSON.parse(hooks.received.filter((r) => r.path === "/alert")[1].body);
            assertStringIncludes(alert.text, "Urgent ticket");
            assertStringIncludes(alert.text, `/dashboard/${acme.workspace.slug}/tickets/${id}`);
            await eventually(
              async () => {
                const page =
                  await (await app.fetch(`/dashboard/${acme.workspace.slug}/tickets/${id}`, {
                    headers: { cookie: acme.cookie },
                  })).text();
                return page.includes("Urgent alert to the alert webhook: sent (2 attempts)");
              },
              10_000,
              "the delivery shown as sent",
            );
          },
        );

        await t.step("a billing ticket is answered to its reply URL, a how-to is not", async () => {
          const billing = await sendTicket(app, acme.workspace.slug, key, {
            ...BILLING,
            replyUrl: `${hooks.url}/reply`,
          });
          assertEquals(billing.status, 202);
          const howTo = await sendTicket(app, acme.workspace.slug, key, {
            ...HOW_TO,
            replyUrl: `${hooks.url}/reply-howto`,
          });
          assertEquals(howTo.status, 202);
          await eventually(
            () => Promise.resolve(hooks.received.some((r) => r.path === "/reply")),
            30_000,
            "the automatic reply",
          );
          await eventually(
            async () => (await ticketRow("HD-3"))?.status === "triaged",
            30_000,
            "the how-to triaged",
          );
          const reply = hooks.received.find((r) => r.path === "/reply")!;
          const stamp = Number(reply.headers.get("x-relay-timestamp"));
          assertEquals(
            reply.headers.get("x-relay-signature"),
            await ticketSignature(key, stamp, reply.body),
            "the reply is signed with the workspace's key",
          );
          const sent = JSON.parse(reply.body);
          assertEquals([sent.event, sent.ticket.externalId, sent.ticket.category], [
            "ticket.answered",
            "HD-2",
            "billing",
          ]);
          assertStringIncludes(sent.reply, "billing history");
          assertEquals(hooks.received.filter((r) => r.path === "/reply-howto").length, 0);
          const howToRow = await ticketRow("HD-3");
          assertEquals(howToRow.category, "how-to");
          const page = await (await app.fetch(
            `/dashboard/${acme.workspace.slug}/tickets/${howToRow.id}`,
            { headers: { cookie: acme.cookie } },
          )).text();
          assertStringIncludes(page, "No: the draft waits for a person.");
        });

        await t.step("another workspace's ticket ids are 404", async () => {
          const { id } = await ticketRow("HD-1");
          const page = await app.fetch(`/dashboard/${other.workspace.slug}/tickets/${id}`, {
            headers: { cookie: other.cookie },
          });
          assertEquals(page.status, 404);
          await page.body?.cancel();
          const correction = await postForm(
            app,
            other,
            `/dashboard/${other.workspace.slug}/tickets/${id}`,
            { action: "category", category: "bug" },
          );
          assertEquals(correction.status, 404);
          await correction.body?.cancel();
          const notMine = await app.fetch(`/dashboard/${acme.workspace.slug}/tickets/${id}`, {
            headers: { cookie: other.cookie },
          });
          assertEquals(notMine.status, 404);
          await notMine.body?.cancel();
          const list = await (await app.fetch(`/dashboard/${other.workspace.slug}/tickets`, {
            headers: { cookie: other.cookie },
          })).text();
          assertStringIncludes(list, "No tickets yet.");
          const malformed = await app.fetch(
            `/dashboard/${acme.workspace.slug}/tickets/not-a-uuid`,
            { headers: { cookie: acme.cookie } },
          );
          assertEquals(malformed.status, 404);
          await malformed.body?.cancel();
        });

        await t.step("corrections make the accuracy per category, audited", async () => {
          const base = `/dashboard/${acme.workspace.slug}/tickets`;
          const stats = async () => {
            const html = await (await app.fetch(base, { headers: { cookie: acme.cookie } }))
              .text();
            const row = (c: string) =>
              new RegExp(`data-category="${c}"[\\s\\S]*?</tr>`).exec(html)?.[0] ?? "";
            return { html, row };
          };
          let s = await stats();
          assertStringIncludes(s.row("how-to"), "not reviewed yet");
          const howTo = await ticketRow("HD-3");
          const wrong = await postForm(app, acme, `${base}/${howTo.id}`, {
            action: "category",
            category: "account",
          });
          assertEquals(wrong.status, 303);
          const billing = await ticketRow("HD-2");
          const kept = await postForm(app, acme, `${base}/${billing.id}`, {
            action: "category",
            category: "billing",
          });
          assertEquals(kept.status, 303);
          const bad = await postForm(app, acme, `${base}/${billing.id}`, {
            action: "category",
            category: "nonsense",
          });
          assertEquals(bad.status, 400);
          await bad.body?.cancel();
          s = await stats();
          assertStringIncludes(s.row("how-to"), "0% (0 of 1)");
          assertStringIncludes(s.row("billing"), "100% (1 of 1)");
          assertStringIncludes(s.row("account"), "+1 moved in");
          assertStringIncludes(s.row("outage"), "not reviewed yet");
          const page = await (await app.fetch(`${base}/${howTo.id}`, {
            headers: { cookie: acme.cookie },
          })).text();
          assertStringIncludes(page, "(the agent said how-to)");
          await eventually(
            async () => {
              const rows = await db.query<{ diff: { agent: string; to: string } }>(
                `select diff from audit_log where action = 'ticket.category_corrected'
                 and target = $1`,
                [`ticket:${howTo.id}`],
              );
              return rows.length === 1 && rows[0].diff.agent === "how-to" &&
                rows[0].diff.to === "account";
            },
            10_000,
            "the audit row",
          );
        });

        await t.step(
          "triage counts against the plan: usage recorded, 429 over the limit",
          async () => {
            const [usage] = await db.query<{ requests: number }>(
              "select sum(requests)::int as requests from usage where tenant_id = $1",
              [acme.workspace.id],
            );
            assertEquals(usage.requests, 4, "four tickets triaged, four requests counted");
            const { day } = periodsOf();
            const limit = limitsFor(acme.workspace.plan).requestsPerDay!;
            await app.services.kv.set(quotaKey(acme.workspace.id, "requests", day), limit);
            const over = await sendTicket(app, acme.workspace.slug, key, {
              ...HOW_TO,
              externalId: "HD-over",
            });
            assertEquals(await error(over), { status: 429, code: "quota_exceeded" });
            assertEquals(await ticketRow("HD-over"), undefined, "nothing stored over the quota");
            await app.services.kv.delete(quotaKey(acme.workspace.id, "requests", day));
          },
        );

        await t.step("a help desk reads a ticket's triage with an API token", async () => {
          const acmeToken = await createToken(app.services, acme);
          const otherToken = await createToken(app.services, other);
          const { id } = await ticketRow("HD-2");
          const read = (slug: string, token: string, ticket = id) =>
            app.fetch(`/api/workspaces/${slug}/tickets/${ticket}`, {
              headers: { authorization: `Bearer ${token}` },
            });
          const res = await read(acme.workspace.slug, acmeToken);
          assertEquals(res.status, 200);
          const body = await res.json();
          assertEquals(
            [body.externalId, body.category, body.answeredAutomatically, body.deliveries],
            ["HD-2", "billing", true, [{ kind: "reply", status: "sent", attempts: 1 }]],
          );
          assertStringIncludes(body.draftReply, "billing history");
          assertEquals(await error(await read(other.workspace.slug, otherToken)), {
            status: 404,
            code: "not_found",
          });
          assertEquals(await error(await read(acme.workspace.slug, otherToken)), {
            status: 404,
            code: "not_found",
          });
        });

        await t.step("a customer's tickets are in their privacy export and erasure", async () => {
          const privacy = (member: typeof acme, action: string) =>
            app.fetch(`/api/workspaces/${member.workspace.slug}/privacy/${action}`, {
              method: "POST",
              headers: {
                cookie: member.cookie,
                origin: app.url,
                "content-type": "application/json",
              },
              body: JSON.stringify({ email: "OLU@customer.example" }),
            });
          const theirs = await (await privacy(other, "export")).json();
          assertEquals(theirs.tickets, [], "another workspace holds none of them");
          const exported = await (await privacy(acme, "export")).json();
          assertEquals(exported.tickets.map((x: { external_id: string }) => x.external_id), [
            "HD-1",
          ]);
          const erased = await (await privacy(acme, "erase")).json();
          assertEquals(erased.tickets, 1);
          assertEquals(await ticketRow("HD-1"), undefined);
        });

        await t.step("tickets leave with the workspace's lead retention", async () => {
          await db.query(
            "update tickets set created_at = now() - interval '800 days' where external_id = 'HD-2'",
          );
          const report = await applyRetention(app.services);
          assertEquals(report.tickets, 1);
          assertEquals(await ticketRow("HD-2"), undefined);
          assertEquals((await ticketRow("HD-3"))?.status, "triaged", "younger tickets stay");
        });
      } finally {
        await app.stop();
        await hooks.close();
      }
    },
  });
}
