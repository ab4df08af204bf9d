/**
 * Issue 14 item 5: the contact form without JavaScript has no captcha, so its leads are held:
 * stored as unverified, no notification, left out of the overview and weekly report counts,
 * until an operator accepts them on the dashboard (audited); then they notify and count.
 */
import { assert, assertEquals, assertStringIncludes } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";
import { eventually, GOOD_LEAD, oldToken, solvedAltcha } from "../support/leads.ts";
import { createMember } from "../support/members.ts";
import { listOutbox } from "../../lib/notify/email.ts";
import { loadOverview } from "../../lib/dashboard/overview.ts";
import { dataScope } from "../../lib/dashboard/scope.ts";
import { weeklyFigures } from "../../lib/reports/weekly.ts";

const SALES = "sales@relay.test";

for (const backend of ["pglite", "postgres"] as const) {
  Deno.test({
    name: `a no-JavaScript lead waits for an operator's acceptance [${backend}]`,
    ignore: backend === "postgres" && !Deno.env.get("DATABASE_URL"),
    sanitizeOps: false,
    sanitizeResources: false,
    fn: async (t) => {
      const app = await startTestApp({
        backend,
        env: {
          SITE_WORKSPACE: "relay-site",
          LEAD_NOTIFY_EMAIL: SALES,
          TRUSTED_PROXY: "true",
        },
      });
      const { db, kv } = app.services;
      try {
        const site = await createMember(app.services, app.url, "ops@relay.example", "Relay Site");
        const scope = await dataScope(app.services, site.workspace.id);
        const counted = async () => ({
          overview: (await loadOverview(app.services, site.workspace, scope)).today.leads,
          weekly:
            (await weeklyFigures(app.services, site.workspace.id, new Date(Date.now() + 1000)))
              .leads,
        });
        const mailsAbout = async (name: string) =>
          (await listOutbox(kv, 200)).filter((m) => m.to === SALES && m.text.includes(name));
        const leadRow = async (email: string) =>
          (await db.query<{ id: string; held: boolean; verification: string }>(
            "select id, held, verification from leads where email = $1",
            [email],
          ))[0];

        let heldId = "";
        await t.step(
          "a no-JS post is stored unverified, notifies no one, counts nowhere",
          async () => {
            const verified = await app.fetch("/api/leads", {
              method: "POST",
              headers: { "content-type": "application/json", "x-forwarded-for": "10.9.0.1" },
              body: JSON.stringify({
                ...GOOD_LEAD,
                name: "Verified Vera",
                email: "vera@verified.example",
                formToken: await oldToken(app.services),
                captcha: await solvedAltcha((p) => app.fetch(p)),
              }),
            });
            assertEquals(verified.status, 202, await verified.text());
            const res = await app.fetch("/contact", {
              method: "POST",
              headers: {
                "content-type": "application/x-www-form-urlencoded",
                "x-forwarded-for": "10.9.0.2",
                origin: app.url,
              },
              body: new URLSearchParams({
                ...GOOD_LEAD,
                name: "Nojs Nora",
                email: "nora@nojs.example",
                consent: "on",
                formToken: await oldToken(app.services),
              }),
              redirect: "manual",
            });
            await res.body?.cancel();
            assertEquals(res.status, 303);
            await eventually(
              async () => !!(await leadRow("nora@nojs.example")),
              10_000,
              "the lead",
            );
            await eventually(
              async () => (await mailsAbout("Verified Vera")).length === 1,
              10_000,
              "the verified lead's email",
            );
            const held = await leadRow("nora@nojs.example");
            heldId = held.id;
            assertEquals([held.held, held.verification], [true, "none"]);
            const notifications = await db.query(
              "select 1 from notifications where lead_id = $1",
              [heldId],
            );
            assertEquals(notifications.length, 0);
            assertEquals((await mailsAbout("Nojs Nora")).length, 0, "no email about the held lead");
            assertEquals(
              await counted(),
              { overview: 1, weekly: 1 },
              "only the verified lead counts",
            );
          },
        );

        await t.step("the dashboard marks it and an operator accepts it, audited", async () => {
          const base = `/dashboard/${site.workspace.slug}/leads`;
          const list = await (await app.fetch(base, { headers: { cookie: site.cookie } })).text();
          assertStringIncludes(list, "unverified, awaiting acceptance");
          const page = await (await app.fetch(`${base}/${heldId}`, {
            headers: { cookie: site.cookie },
          })).text();
          assertStringIncludes(page, "Unverified lead");
          assertStringIncludes(page, 'name="action" value="accept"');
          const accept = await app.fetch(`${base}/${heldId}`, {
            method: "POST",
            headers: {
              cookie: site.cookie,
              origin: app.url,
              "content-type": "application/x-www-form-urlencoded",
            },
            body: new URLSearchParams({ action: "accept" }),
            redirect: "manual",
          });
          await accept.body?.cancel();
          assertEquals(accept.status, 303);
          assertEquals((await leadRow("nora@nojs.example")).held, false);
          await eventually(
            async () => (await mailsAbout("Nojs Nora")).length === 1,
            10_000,
            "the released lead's email",
          );
          assertEquals(await counted(), { overview: 2, weekly: 2 });
          let audit: { actor_id: string; target: string }[] = [];
          await eventually(
            async () => {
              audit = await db.query(
                "select actor_id, target from audit_log where action = 'lead.accepted'",
              );
              return audit.length === 1;
            },
            10_000,
            "the audit entry",
          );
          assertEquals(audit[0], { actor_id: site.userId, target: `lead:${heldId}` });
          const after = await (await app.fetch(`${base}/${heldId}`, {
            headers: { cookie: site.cookie },
          })).text();
          assert(!after.includes("Unverified lead"), "no longer marked");
        });
      } finally {
        await app.stop();
      }
    },
  });
}
