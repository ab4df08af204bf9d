/**
 * Issue 14 item 9: made-up `Authorization: Bearer` tokens each got a rate-limit bucket of
 * their own, so one client passed the per-IP API limit by sending a new junk token per request.
 * Only a token that verifies is a subject; anything else counts against the client IP.
 */
import { assert, assertEquals } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";
import { createMember, createToken } from "../support/members.ts";
import { rules } from "../../lib/security/rules.ts";

Deno.test("junk bearer tokens count against the client IP; a valid token keeps its own bucket", async () => {
  const app = await startTestApp();
  try {
    const member = await createMember(app.services, app.url, "rl@rl.example", "RL Co");
    const token = await createToken(app.services, member);
    const limit = rules.api.limit;
    const statuses: number[] = [];
    let i = 0;
    const worker = async () => {
      while (i < limit + 20) {
        const n = i++;
        const res = await app.fetch("/api/agents", {
          headers: { authorization: `Bearer junk${n}`, accept: "application/json" },
        });
        await res.body?.cancel();
        statuses.push(res.status);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    const limited = statuses.filter((s) => s === 429).length;
    assert(limited >= 15, `${limit + 20} junk-token requests, ${limited} limited (want >= 15)`);
    const prefixed = await app.fetch("/api/agents", {
      headers: { authorization: "Bearer rly_made_up_token", accept: "application/json" },
    });
    await prefixed.body?.cancel();
    assertEquals(prefixed.status, 429, "a well-formed but unknown token is no subject either");
    const real = await app.fetch("/api/agents", {
      headers: { authorization: `Bearer ${token}`, accept: "application/json" },
    });
    await real.body?.cancel();
    assertEquals(real.status, 200, "a verified token has its own bucket");
  } finally {
    await app.stop();
  }
});
