/**
 * A lead whose qualification fails (the model provider refuses) still shows, marked failed with
 * the reason, is e-mailed without a fit, is held back from Slack under a threshold, and is
 * qualified when an operator queues it again.
 */
import { writeFitThreshold } from "../../lib/dashboard/settings.ts";
import { assertEquals, assertStringIncludes } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";
import { startFakeOpenAi, textChunks, toolCallChunks } from "../support/fake_openai.ts";
import { eventually, GOOD_LEAD, oldToken } from "../support/leads.ts";
import { createMember } from "../support/members.ts";
import { startLeadChannels } from "../support/lead_channels.ts";

Deno.test("a failed qualification shows on the lead and can be queued again", async () => {
  const openai = startFakeOpenAi();
  openai.script({ kind: "status", status: 400, body: { error: { message: "model not found" } } });
  const channels = await startLeadChannels();
  const { smtp, hooks } = channels;
  const app = await startTestApp({
    env: {
      ...channels.env,
      OPENAI_API_KEY: "sk-test",
      OPENAI_BASE_URL: openai.baseURL,
      OPENAI_MAX_RETRIES: "0",
    },
  });
  const { db } = app.services;
  try {
    const owner = await createMember(app.services, app.url, "owner@relay.test", "Relay");
    const badThreshold = await app.fetch(`/dashboard/${owner.workspace.slug}/settings`, {
      method: "POST",
      headers: {
        cookie: owner.cookie,
        origin: app.url,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "action=fit&threshold=101",
    });
    assertEquals(badThreshold.status, 400);
    assertStringIncludes(await badThreshold.text(), "a whole number from 0 to 100");
    await writeFitThreshold(db, owner.workspace.id, 50);
    const res = await app.fetch("/api/leads", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        ...GOOD_LEAD,
        formToken: await oldToken(app.services),
        captcha: "good-token-1",
      }),
    });
    assertEquals(res.status, 202);
    const { leadId } = await res.json();
    const status = async () =>
      (await db.query<{ qualification_status: string }>(
        "select qualification_status from leads where id = $1",
        [leadId],
      ))[0]?.qualification_status;
    await eventually(async () => await status() === "failed", 20_000, "the failed qualification");
    const page = `/dashboard/${owner.workspace.slug}/leads/${leadId}`;
    const html = await (await app.fetch(page, { headers: { cookie: owner.cookie } })).text();
    assertStringIncludes(html, "qualification failed");
    assertStringIncludes(html, "data-qualification-error");
    const list = await (await app.fetch(`/dashboard/${owner.workspace.slug}/leads`, {
      headers: { cookie: owner.cookie },
    })).text();
    assertStringIncludes(list, 'data-qualification="failed"');
    await eventually(
      () => Promise.resolve(smtp.mails.some((m) => m.raw.includes("Fit: not qualified: "))),
      20_000,
      "the e-mail without a fit",
    );
    assertEquals(hooks.received.length, 0, "no fit, so nothing for Slack under the threshold");

    openai.script(
      {
        kind: "stream",
        chunks: toolCallChunks("call_1", "score_icp_fit", [
          '{"industry":"logistics","employees":400,"region":"north america","signals":[]}',
        ]),
      },
      { kind: "stream", chunks: textChunks(["Scored."]) },
    );
    const requeue = await app.fetch(page, {
      method: "POST",
      headers: {
        cookie: owner.cookie,
        origin: app.url,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "action=qualify",
      redirect: "manual",
    });
    await requeue.body?.cancel();
    assertEquals(requeue.status, 303);
    await eventually(async () => await status() === "qualified", 20_000, "the re-qualification");
    const [lead] = await db.query<{ fit_score: number }>(
      "select fit_score from leads where id = $1",
      [leadId],
    );
    await eventually(
      () =>
        Promise.resolve(hooks.received.some((r) => r.body.includes(`fit ${lead.fit_score}/100`))),
      20_000,
      "the Slack message once qualified above the threshold",
    );
    assertEquals(smtp.mails.filter((m) => m.raw.includes(GOOD_LEAD.email)).length, 1);
  } finally {
    await app.stop();
    await channels.close();
    await openai.close();
  }
});
