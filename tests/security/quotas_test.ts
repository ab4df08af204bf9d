import { assert, assertEquals, assertRejects } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";
import { HttpError } from "../../lib/framework/mod.ts";
import { limitsFor } from "../../lib/plans.ts";
import { extend, quotaUsage, reserve, settle } from "../../lib/security/quotas.ts";

Deno.test("quotas", async (t) => {
  const app = await startTestApp();
  try {
    await t.step(
      "workspace quotas: reserve holds the estimate, settle books the real use, denial comes before spend and is audited",
      async () => {
        const services = app.services;
        const [{ id: tenantId }] = await services.db.query<{ id: string }>(
          "insert into tenants (name, slug, plan) values ('Q', $1, 'free') returning id",
          [`q-${crypto.randomUUID().slice(0, 8)}`],
        );
        const free = limitsFor("free");
        const first = await reserve(services, { tenantId }, { tokens: 1_000, costUsd: 0.5 });
        let usage = await quotaUsage(services, tenantId);
        assertEquals(usage.plan, "free");
        const used = (m: string) => usage.metrics.find((x) => x.metric === m)!;
        assertEquals([used("requests").used, used("tokens").used, used("cost_usd").used], [
          1,
          1_000,
          0.5,
        ]);
        assertEquals(used("tokens").limit, free.tokensPerMonth);
        await settle(services, first, { tokens: 700, costUsd: 0.25 });
        usage = await quotaUsage(services, tenantId);
        assertEquals([used("tokens").used, used("cost_usd").used], [700, 0.25]);

        const err = await assertRejects(
          () =>
            reserve(services, { tenantId }, { tokens: free.tokensPerMonth! }, {
              requestId: "req-quota-1",
            }),
          HttpError,
        );
        assertEquals([err.status, err.code], [429, "quota_exceeded"]);
        const details = err.details as Record<string, unknown>;
        assertEquals([details.metric, details.limit, details.used], [
          "tokens",
          free.tokensPerMonth,
          700,
        ]);
        assertEquals(details.upgradeUrl, "/pricing");
        assert(err.message.includes("Upgrade the plan"), err.message);
        assert(Number(new Headers(err.headers).get("retry-after")) > 0);
        usage = await quotaUsage(services, tenantId);
        assertEquals(
          [used("requests").used, used("tokens").used],
          [1, 700],
          "nothing held on denial",
        );

        const costErr = await assertRejects(
          () =>
            reserve(services, { tenantId }, { tokens: 1, costUsd: free.costCeilingUsdPerMonth! }),
          HttpError,
        );
        assertEquals((costErr.details as { metric: string }).metric, "cost_usd");

        let audited: { action: string; target: string }[] = [];
        for (let i = 0; i < 300 && audited.length < 2; i++) {
          audited = await services.db.query(
            "select action, target from audit_log where tenant_id = $1 and action = 'quota.denied'",
            [tenantId],
          );
          if (audited.length < 2) await new Promise((r) => setTimeout(r, 100));
        }
        assertEquals(audited.length, 2, "every denial is in the audit log");
        assert(audited.some((a) => a.target.startsWith("quota:tokens:")));
      },
    );

    await t.step("anonymous visitors get the small demo quota across their subjects", async () => {
      const owner = { anonymous: ["visitor:abc", "ip:192.0.2.7"] };
      const r = await reserve(app.services, owner, { tokens: 100 });
      await settle(app.services, r, { tokens: 19_000 });
      const err = await assertRejects(
        () => reserve(app.services, owner, { tokens: 1_500 }),
        HttpError,
      );
      assertEquals((err.details as { upgradeUrl: string }).upgradeUrl, "/signin");
      const sameIp = { anonymous: ["visitor:new-cookie", "ip:192.0.2.7"] };
      await assertRejects(() => reserve(app.services, sameIp, { tokens: 1_500 }), HttpError);
      await reserve(app.services, { anonymous: ["visitor:other", "ip:192.0.2.8"] }, {
        tokens: 1_500,
      });
    });

    await t.step("extend grows a hold only up to the limit, then grants nothing", async () => {
      const services = app.services;
      const [{ id: tenantId }] = await services.db.query<{ id: string }>(
        "insert into tenants (name, slug, plan) values ('E', $1, 'free') returning id",
        [`e-${crypto.randomUUID().slice(0, 8)}`],
      );
      const limit = limitsFor("free").tokensPerMonth!;
      const held = await reserve(services, { tenantId }, { tokens: limit - 500, costUsd: 0.1 });
      const grown = await extend(services, held, { tokens: 2_000, costMicros: 50_000 });
      assertEquals([grown.tokens, grown.costMicros], [500, 50_000], "tokens cut to the room left");
      assertEquals(grown.reservation.tokens, limit);
      const none = await extend(services, grown.reservation, { tokens: 10, costMicros: 0 });
      assertEquals(none.tokens, 0);
      const used = (await quotaUsage(services, tenantId)).metrics.find((m) =>
        m.metric === "tokens"
      )!;
      assertEquals(used.used, limit, "never past the limit");
      await settle(services, none.reservation, { tokens: 1_200, costUsd: 0.01 });
      const after = (await quotaUsage(services, tenantId)).metrics;
      assertEquals(after.find((m) => m.metric === "tokens")!.used, 1_200, "settle releases it all");
      assertEquals(after.find((m) => m.metric === "cost_usd")!.used, 0.01);
    });
  } finally {
    await app.stop();
  }
});
