import { assert, assertEquals } from "../support/assert.ts";
import { rateLimit } from "../../lib/security/rate_limit.ts";
import { clientIp, ipSubject } from "../../lib/security/client_ip.ts";

const rule = { name: "test_rule", limit: 3, windowSeconds: 60 };

Deno.test("the sliding window allows the limit, refuses more, and says when to come back", async () => {
  const kv = await Deno.openKv(":memory:");
  try {
    const t0 = Date.UTC(2026, 0, 1, 12, 0, 0);
    for (let i = 0; i < 3; i++) {
      const r = await rateLimit(kv, rule, "ip:1.2.3.4", { now: t0 + i });
      assertEquals([r.allowed, r.remaining], [true, 2 - i]);
    }
    const denied = await rateLimit(kv, rule, "ip:1.2.3.4", { now: t0 + 10 });
    assertEquals(denied.allowed, false);
    assert(
      denied.retryAfterSeconds > 60 && denied.retryAfterSeconds <= 120,
      "into the next window",
    );
    const other = await rateLimit(kv, rule, "ip:5.6.7.8", { now: t0 + 10 });
    assertEquals(other.allowed, true, "subjects are counted apart");
    const back = t0 + 10 + denied.retryAfterSeconds * 1000;
    assertEquals((await rateLimit(kv, rule, "ip:1.2.3.4", { now: back })).allowed, true);
    assertEquals((await rateLimit(kv, rule, "ip:1.2.3.4", { now: back - 2000 })).allowed, false);
  } finally {
    kv.close();
  }
});

Deno.test("concurrent requests never exceed the limit", async () => {
  const kv = await Deno.openKv(":memory:");
  try {
    const now = Date.UTC(2026, 0, 1, 12, 0, 30);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => rateLimit(kv, { ...rule, limit: 7 }, "s", { now })),
    );
    assertEquals(results.filter((r) => r.allowed).length, 7);
  } finally {
    kv.close();
  }
});

Deno.test("client IP: socket peer by default, right-most forwarded entry behind a trusted proxy", () => {
  const req = new Request("http://x/", {
    headers: { "x-forwarded-for": "6.6.6.6, 203.0.113.9", forwarded: "for=198.51.100.1" },
  });
  assertEquals(clientIp(req, "10.0.0.2", false), "10.0.0.2");
  assertEquals(clientIp(req, "10.0.0.2", true), "203.0.113.9");
  const fwd = new Request("http://x/", { headers: { forwarded: 'for="[2001:db8::1]:443"' } });
  assertEquals(clientIp(fwd, "10.0.0.2", true), "2001:db8::1");
  assertEquals(ipSubject("2001:db8:1:2:3:4:5:6"), "ip6:2001:db8:1:2::/64");
  assertEquals(ipSubject("2001:db8::1"), "ip6:2001:db8:0:0::/64");
  assertEquals(ipSubject("::ffff:1.2.3.4".slice(7)), "ip:1.2.3.4");
});
