/**
 * The lead loop on both jobs backends: every lead is qualified by the lead-qualifier agent as a
 * queued job (reading the company site on loopback through the fetch guard), the fit shows on
 * the dashboard (list sortable by fit, lead page), notifications carry it, and the workspace's
 * threshold decides which leads reach Slack and the CRM webhook. A duplicate job neither
 * qualifies nor notifies twice; a bad website is a reason, not a crash.
 */
import { QUALIFY_LEAD, qualifyLead } from "../../lib/leads/qualification.ts";
import { writeFitThreshold } from "../../lib/dashboard/settings.ts";
import { assert, assertEquals, assertStringIncludes } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";
import { startCompanySites } from "../support/company_site.ts";
import { eventually, GOOD_LEAD, oldToken } from "../support/leads.ts";
import { createMember } from "../support/members.ts";
import { startLeadChannels } from "../support/lead_channels.ts";

for (const jobs of ["kv", "postgres"] as const) {
  Deno.test({
    name:
      `leads are qualified as jobs, shown with their fit and routed by threshold [${jobs} jobs]`,
    sanitizeOps: jobs === "kv",
    sanitizeResources: jobs === "kv",
    fn: (t) => loop(t, jobs),
  });
}

interface Row {
  qualification_status: string | null;
  qualification_attempts: number;
  fit_score: number | null;
  fit_reasons: string[];
  firmographics: { industry: string | null; employees: number | null } | null;
}

async function loop(t: Deno.TestContext, jobs: "kv" | "postgres") {
  const channels = await startLeadChannels();
  const { smtp, hooks } = channels;
  const sites = startCompanySites();
  const app = await startTestApp({
    backend: jobs === "postgres" ? "postgres" : "pglite",
    env: { ...channels.env, JOBS_BACKEND: jobs, FETCH_ALLOWLIST: "127.0.0.1" },
  });
  const { db } = app.services;
  const owner = await createMember(app.services, app.url, "owner@relay.test", "Relay");
  await writeFitThreshold(db, owner.workspace.id, 60);
  const row = async (id: string) =>
    (await db.query<Row>(
      `select qualification_status, qualification_attempts, fit_score, fit_reasons, firmographics
       from leads where id = $1`,
      [id],
    ))[0];
  const send = async (fields: Record<string, unknown>) => {
    const res = await app.fetch("/api/leads", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        ...GOOD_LEAD,
        ...fields,
        formToken: await oldToken(app.services),
        captcha: `good-token-${crypto.randomUUID()}`,
      }),
    });
    const body = await res.json();
    assertEquals(res.status, 202, JSON.stringify(body));
    const id = body.leadId as string;
    await eventually(
      async () => {
        const r = await row(id);
        return r?.qualification_status === "qualified" || r?.qualification_status === "failed";
      },
      30_000,
      `qualification of ${fields.email}`,
    );
    return id;
  };
  const hooksFor = (path: string, id: string) =>
    hooks.received.filter((r) => r.path === path && r.body.includes(id));
  const dashboard = async (path: string) => {
    const res = await app.fetch(`/dashboard/${owner.workspace.slug}${path}`, {
      headers: { cookie: owner.cookie },
    });
    assertEquals(res.status, 200);
    return await res.text();
  };
  try {
    let strong = "";
    let weak = "";
    await t.step("a lead whose site shows a strong fit reaches Slack and the CRM", async () => {
      strong = await send({
        email: "dispatch@northwind.example",
        company: "",
        companyUrl: sites.url("/northwind"),
        message: "Please get in touch about your agents.",
      });
      const r = await row(strong);
      assertEquals(r.qualification_status, "qualified");
      assert(r.fit_score! >= 60, `fit ${r.fit_score}`);
      assertEquals(r.fit_reasons[0], `Read ${sites.url("/northwind")} ("Northwind Freight")`);
      assertEquals(r.firmographics?.industry, "logistics");
      assertEquals(r.firmographics?.employees, 400);
      await eventually(
        () =>
          Promise.resolve(
            hooksFor("/slack", strong).length === 1 && hooksFor("/crm", strong).length === 1,
          ),
        20_000,
        "Slack and CRM deliveries",
      );
      assertStringIncludes(hooksFor("/slack", strong)[0].body, `fit ${r.fit_score}/100`);
      const crm = JSON.parse(hooksFor("/crm", strong)[0].body);
      assertEquals(crm.qualification.fitScore, r.fit_score);
      assertEquals(crm.lead.website, sites.url("/northwind"));
      await eventually(
        () =>
          Promise.resolve(smtp.mails.some((m) => m.raw.includes(`Fit: fit ${r.fit_score}/100`))),
        20_000,
        "the e-mail with the fit",
      );
    });

    await t.step("a poor fit is e-mailed but kept from Slack and the CRM", async () => {
      weak = await send({
        email: "hello@crumb.example",
        company: "Crumb & Co",
        companyUrl: sites.url("/crumb"),
        message: "We would like a nicer website.",
      });
      const r = await row(weak);
      assert(r.fit_score! < 60, `fit ${r.fit_score}`);
      await eventually(
        () => Promise.resolve(smtp.mails.some((m) => m.raw.includes("hello@crumb.example"))),
        20_000,
        "the e-mail of the poor fit",
      );
      const sent = await db.query<{ channel: string }>(
        "select channel from notifications where lead_id = $1 order by channel",
        [weak],
      );
      assertEquals(sent.map((n) => n.channel), ["email"]);
      assertEquals(hooksFor("/slack", weak).length + hooksFor("/crm", weak).length, 0);
    });

    await t.step("bad websites are a reason in the qualification, not a crash", async () => {
      for (
        const [website, words] of [
          ["http://10.0.0.1/", "private, loopback or link-local"],
          [sites.url("/data.json"), "not a web page"],
          [sites.url("/gone"), "HTTP 404"],
          [sites.url("/huge"), "larger than 2097152 bytes"],
        ]
      ) {
        const id = await send({ email: `x${words.length}@bad.example`, companyUrl: website });
        const r = await row(id);
        assertEquals(r.qualification_status, "qualified");
        assertStringIncludes(r.fit_reasons[0], `Could not read ${website}: `);
        assertStringIncludes(r.fit_reasons[0], words);
      }
    });

    await t.step("a duplicate or retried job qualifies and notifies once", async () => {
      const before = await row(strong);
      await qualifyLead(app.services, strong);
      await app.services.jobs.enqueue({ type: QUALIFY_LEAD, leadId: strong });
      await new Promise((r) => setTimeout(r, 1_000));
      assertEquals((await row(strong)).qualification_attempts, before.qualification_attempts);
      assertEquals(hooksFor("/slack", strong).length, 1);
      assertEquals(hooksFor("/crm", strong).length, 1);
    });

    await t.step("the dashboard shows the fit, sorts by it, and re-queues", async () => {
      const byFit = await dashboard("/leads?sort=fit");
      assert(byFit.indexOf(strong) < byFit.indexOf(weak), "best fit first");
      const newest = await dashboard("/leads");
      assert(newest.indexOf(weak) < newest.indexOf(strong), "newest first by default");
      const s = await row(strong);
      assertStringIncludes(byFit, `data-fit="${s.fit_score}"`);
      const page = await dashboard(`/leads/${strong}`);
      assertStringIncludes(page, `${s.fit_score}/100 strong fit`);
      assertStringIncludes(page, `Read ${sites.url("/northwind")}`);
      assertStringIncludes(page, "logistics");
      const form = await app.fetch(`/dashboard/${owner.workspace.slug}/leads/${strong}`, {
        method: "POST",
        headers: {
          cookie: owner.cookie,
          origin: app.url,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: "action=qualify",
        redirect: "manual",
      });
      await form.body?.cancel();
      assertEquals(form.status, 303);
      await eventually(
        async () =>
          (await row(strong)).qualification_attempts === s.qualification_attempts + 1 &&
          (await row(strong)).qualification_status === "qualified",
        20_000,
        "the re-qualification",
      );
      assertEquals(hooksFor("/slack", strong).length, 1, "re-qualifying does not notify again");
    });
  } finally {
    await app.stop();
    await sites.close();
    await channels.close();
  }
}
