/**
 * A lead whose qualification job was lost (queued long ago, or claimed by an instance that
 * stopped) is qualified by the sweep; a recent one is left to its own job.
 */
import { qualifySweepJob } from "../../queues/lead_qualification.ts";
import { assertEquals } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";
import { eventually } from "../support/leads.ts";

Deno.test("the sweep re-enqueues qualifications whose job was lost", async () => {
  const app = await startTestApp();
  const { db } = app.services;
  const insert = (key: string, status: string, ageMinutes: number) =>
    db.query<{ id: string }>(
      `insert into leads (idempotency_key, name, email, message, verification, created_at,
         qualification_status, qualification_started_at)
       values ($1, 'Lost Lead', $1 || '@lost.example', 'We run a logistics company in Chicago.',
         'altcha', now() - make_interval(mins => $2), $3,
         case when $3 = 'running' then now() - make_interval(mins => $2) end)
       returning id`,
      [key, ageMinutes, status],
    );
  try {
    const [queued] = await insert("queued", "pending", 20);
    const [stuck] = await insert("stuck", "running", 15);
    const [recent] = await insert("recent", "pending", 1);
    await qualifySweepJob.run(app.services);
    const status = async (id: string) =>
      (await db.query<{ qualification_status: string }>(
        "select qualification_status from leads where id = $1",
        [id],
      ))[0].qualification_status;
    await eventually(
      async () => await status(queued.id) === "qualified" && await status(stuck.id) === "qualified",
      20_000,
      "the swept qualifications",
    );
    assertEquals(await status(recent.id), "pending");
  } finally {
    await app.stop();
  }
});
