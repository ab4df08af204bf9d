import { assert, assertEquals } from "../support/assert.ts";
import {
  annualSavingsPercent,
  anonymousDemoQuota,
  isPlanId,
  limitsFor,
  PLAN_IDS,
  planById,
  planCatalog,
  plans,
} from "../../lib/plans.ts";

Deno.test("the plan catalog has free, starter, team and enterprise in order, with coherent prices", () => {
  assertEquals(plans.map((p) => p.id), ["free", "starter", "team", "enterprise"]);
  assertEquals(planCatalog.currency, "USD");
  const paid = plans.filter((p) => p.monthlyUsd !== null);
  for (let i = 1; i < paid.length; i++) {
    assert(
      paid[i].monthlyUsd! > paid[i - 1].monthlyUsd!,
      `${paid[i].id} costs more than the one before`,
    );
  }
  for (const p of plans) {
    if (p.monthlyUsd !== null) {
      assert(p.annualMonthlyUsd! <= p.monthlyUsd, `${p.id} annual is cheaper`);
    }
  }
  assertEquals(plans.filter((p) => p.featured).length, 1);
});

Deno.test("limits grow with each plan and enterprise limits are negotiated (null)", () => {
  const keys = [
    "requestsPerDay",
    "tokensPerMonth",
    "costCeilingUsdPerMonth",
    "retentionDays",
  ] as const;
  for (const key of keys) {
    const values = plans.slice(0, 3).map((p) => p.limits[key]!);
    assert(values.every((v) => typeof v === "number" && v > 0), `${key} set on self-serve plans`);
    assert(values[0] < values[1] && values[1] < values[2], `${key} grows: ${values}`);
    assertEquals(planById("enterprise")!.limits[key], null);
  }
});

Deno.test("every comparison row has a value for every plan", () => {
  for (const f of planCatalog.features) {
    assertEquals(Object.keys(f.values).sort(), [...PLAN_IDS].sort(), f.label);
  }
});

Deno.test("lookups: planById, isPlanId, limitsFor falls back to free, annual savings", () => {
  assertEquals(planById("team")?.name, "Team");
  assertEquals(planById("platinum"), undefined);
  assert(isPlanId("starter"));
  assert(!isPlanId("platinum"));
  assertEquals(limitsFor("platinum"), planById("free")!.limits);
  assertEquals(annualSavingsPercent(planById("team")!), 20);
  assertEquals(annualSavingsPercent(planById("free")!), 0);
  assertEquals(annualSavingsPercent(planById("enterprise")!), 0);
});

Deno.test("the anonymous demo quota is small and below the free plan", () => {
  const free = planById("free")!.limits;
  assert(anonymousDemoQuota.runsPerDay > 0 && anonymousDemoQuota.runsPerDay < free.requestsPerDay!);
  assert(anonymousDemoQuota.tokensPerDay > 0);
  assert(anonymousDemoQuota.tokensPerDay < free.tokensPerMonth!);
  assert(anonymousDemoQuota.maxInputChars > 0);
});
