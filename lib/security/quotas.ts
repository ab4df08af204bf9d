/**
 * Quotas per workspace and plan (lib/plans.ts, the same file the Pricing page shows): requests
 * per UTC day, tokens and a cost ceiling per calendar month; anonymous demo visitors get the
 * small `anonymousDemoQuota` per UTC day. `reserve` checks and holds the estimate before any
 * spend; `extend` grows the hold (within the limits) before each model call of a long run;
 * `settle` replaces the hold with the real usage afterwards. Counters live in KV
 * (`["quotas", tenant, metric, period]`), updated atomically; every denial is audited.
 */
import { metrics } from "../telemetry/metrics.ts";
import { HttpError } from "../framework/mod.ts";
import { anonymousDemoQuota, limitsFor, planById } from "../plans.ts";
import type { Services } from "../services.ts";
import { recordAudit } from "../audit/record.ts";
import { logger } from "../telemetry/log.ts";
import { quotaKey } from "../../kv/keys.ts";

/** Who pays: a workspace on a plan, or an anonymous demo visitor counted under several subjects. */
export type QuotaOwner =
  | { tenantId: string; plan?: string }
  | { anonymous: string[] };

/** What a request expects to spend. */
export interface QuotaEstimate {
  /** Estimated prompt + completion tokens. */
  tokens: number;
  /** Estimated provider cost in USD. */
  costUsd?: number;
  /** Requests (runs) counted; 1 by default. */
  requests?: number;
}

/** A held estimate; JSON-safe, so it can travel with a queued job to `settle`. */
export interface Reservation {
  owner: { tenantId: string } | { anonymous: string[] };
  day: string;
  month: string;
  tokens: number;
  costMicros: number;
}

/** Context for the audit entry written on denial. */
export interface QuotaContext {
  actorId?: string | null;
  requestId?: string | null;
}

/** A metric's use in its current period. */
export interface MetricUsage {
  metric: "requests" | "tokens" | "cost_usd" | "runs";
  used: number;
  /** null: no fixed limit (negotiated per contract). */
  limit: number | null;
  period: string;
  resetsAt: string;
}

/** Current use against the plan, for the dashboard. */
export interface QuotaUsage {
  plan: string;
  metrics: MetricUsage[];
}

const DAY_MS = 86_400_000;
const MICROS = 1_000_000;

type Metric = MetricUsage["metric"];

interface Counter {
  metric: Metric;
  key: Deno.KvKey;
  /** Limit in stored units (micro-dollars for cost); null = none. */
  limit: number | null;
  add: number;
  period: string;
  resetsAt: Date;
  expireIn: number;
}

/** The UTC day and month of a time: "2026-11-25", "2026-11". */
export function periodsOf(now = Date.now()) {
  const iso = new Date(now).toISOString();
  return { day: iso.slice(0, 10), month: iso.slice(0, 7) };
}

function nextDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS);
}

function nextMonth(month: string): Date {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y, m, 1));
}

async function planOf(services: Pick<Services, "db">, tenantId: string, plan?: string) {
  if (plan) return plan;
  const rows = await services.db.query<{ plan: string }>(
    "select plan from tenants where id = $1",
    [tenantId],
  );
  return rows[0]?.plan ?? "free";
}

function countersFor(
  owner: Reservation["owner"],
  plan: string,
  day: string,
  month: string,
  est: { requests: number; tokens: number; costMicros: number },
): Counter[] {
  const dayEnd = nextDay(day);
  const monthEnd = nextMonth(month);
  if ("anonymous" in owner) {
    const q = anonymousDemoQuota;
    return owner.anonymous.flatMap((s) => [
      counter("runs", `anon:${s}`, day, q.runsPerDay, est.requests, dayEnd, 2 * DAY_MS),
      counter("tokens", `anon:${s}`, day, q.tokensPerDay, est.tokens, dayEnd, 2 * DAY_MS),
    ]);
  }
  const l = limitsFor(plan);
  const t = owner.tenantId;
  const cost = l.costCeilingUsdPerMonth === null
    ? null
    : Math.round(l.costCeilingUsdPerMonth * MICROS);
  return [
    counter("requests", t, day, l.requestsPerDay, est.requests, dayEnd, 2 * DAY_MS),
    counter("tokens", t, month, l.tokensPerMonth, est.tokens, monthEnd, 62 * DAY_MS),
    counter("cost_usd", t, month, cost, est.costMicros, monthEnd, 62 * DAY_MS),
  ];
}

function counter(
  metric: Metric,
  tenant: string,
  period: string,
  limit: number | null,
  add: number,
  resetsAt: Date,
  expireIn: number,
): Counter {
  return { metric, key: quotaKey(tenant, metric, period), limit, add, period, resetsAt, expireIn };
}

const show = (c: Counter, v: number) =>
  c.metric === "cost_usd" ? `$${(v / MICROS).toFixed(2)}` : v.toLocaleString("en-US");

const LABEL: Record<Metric, string> = {
  requests: "requests",
  runs: "demo runs",
  tokens: "tokens",
  cost_usd: "provider spend",
};

function denial(c: Counter, used: number, owner: Reservation["owner"], plan: string): HttpError {
  const anonymous = "anonymous" in owner;
  const planName = planById(plan)?.name ?? plan;
  const when = c.resetsAt.toISOString().slice(0, 10);
  const how = anonymous
    ? "Sign in for a workspace with its own quota"
    : "Upgrade the plan on /pricing (or contact sales for a custom limit)";
  const scope = anonymous ? "the free demo" : `the ${planName} plan`;
  const retry = Math.max(1, Math.ceil((c.resetsAt.getTime() - Date.now()) / 1000));
  const per = c.period.length === 10 ? "day" : "month";
  return new HttpError(
    429,
    "quota_exceeded",
    `This request would go over the ${show(c, c.limit!)} ${
      LABEL[c.metric]
    } a ${per} of ${scope}. ${how}, or wait until ${when} when it resets.`,
    { "retry-after": String(retry) },
    {
      metric: c.metric,
      limit: c.metric === "cost_usd" ? c.limit! / MICROS : c.limit,
      used: c.metric === "cost_usd" ? used / MICROS : used,
      period: c.period,
      resetsAt: c.resetsAt.toISOString(),
      plan: anonymous ? null : plan,
      upgradeUrl: anonymous ? "/signin" : "/pricing",
    },
  );
}

/**
 * Checks that the estimate fits every limit of the owner's plan (or the anonymous demo quota)
 * and holds it, atomically. Over a limit: audits `quota.denied` and throws a 429
 * `quota_exceeded` whose details name the metric, limit, use, reset time and `upgradeUrl`.
 */
export async function reserve(
  services: Pick<Services, "kv" | "db" | "jobs">,
  owner: QuotaOwner,
  estimate: QuotaEstimate,
  context: QuotaContext = {},
): Promise<Reservation> {
  const { day, month } = periodsOf();
  const plan = "anonymous" in owner
    ? "anonymous"
    : await planOf(services, owner.tenantId, owner.plan);
  const held: Reservation = {
    owner: "anonymous" in owner ? { anonymous: owner.anonymous } : { tenantId: owner.tenantId },
    day,
    month,
    tokens: Math.max(0, Math.ceil(estimate.tokens)),
    costMicros: Math.max(0, Math.round((estimate.costUsd ?? 0) * MICROS)),
  };
  const counters = countersFor(held.owner, plan, day, month, {
    requests: estimate.requests ?? 1,
    tokens: held.tokens,
    costMicros: held.costMicros,
  });
  for (let attempt = 0; attempt < 20; attempt++) {
    const entries = await services.kv.getMany<number[]>(counters.map((c) => c.key));
    const over = counters.findIndex((c, i) =>
      c.limit !== null && (entries[i].value ?? 0) + c.add > c.limit
    );
    if (over >= 0) {
      const c = counters[over];
      const used = entries[over].value ?? 0;
      metrics.denial({ kind: "quota", rule: c.metric });
      await auditDenial(services, held.owner, c, used, context);
      throw denial(c, used, held.owner, plan);
    }
    const op = services.kv.atomic();
    counters.forEach((c, i) => {
      op.check(entries[i]);
      op.set(c.key, (entries[i].value ?? 0) + c.add, { expireIn: c.expireIn });
    });
    if ((await op.commit()).ok) return held;
  }
  throw new HttpError(503, "unavailable", "Quotas are busy. Please try again.", {
    "retry-after": "1",
  });
}

async function auditDenial(
  services: Pick<Services, "kv" | "jobs">,
  owner: Reservation["owner"],
  c: Counter,
  used: number,
  context: QuotaContext,
) {
  try {
    await recordAudit(services, {
      actorId: context.actorId ?? ("anonymous" in owner ? "anonymous" : null),
      tenantId: "tenantId" in owner ? owner.tenantId : null,
      action: "quota.denied",
      target: `quota:${c.metric}:${c.period}`,
      requestId: context.requestId ?? null,
      diff: { metric: c.metric, limit: c.limit, used, requested: c.add },
    });
  } catch (error) {
    logger.error("quota denial not audited", { error, metric: c.metric });
  }
}

/**
 * Replaces a reservation's estimate with what was really spent (tokens and USD); the request
 * stays counted. Call it exactly once per reservation, also when the run failed (spend 0).
 */
export async function settle(
  services: Pick<Services, "kv">,
  reservation: Reservation,
  actual: { tokens: number; costUsd?: number },
): Promise<void> {
  const deltas: [Metric, number][] = [
    ["tokens", Math.ceil(actual.tokens) - reservation.tokens],
    ["cost_usd", Math.round((actual.costUsd ?? 0) * MICROS) - reservation.costMicros],
  ];
  const o = reservation.owner;
  const keys: [Deno.KvKey, number, number][] = [];
  for (const [metric, delta] of deltas) {
    if (delta === 0) continue;
    if ("anonymous" in o) {
      if (metric !== "tokens") continue;
      for (const s of o.anonymous) {
        keys.push([quotaKey(`anon:${s}`, metric, reservation.day), delta, 2 * DAY_MS]);
      }
    } else {
      keys.push([quotaKey(o.tenantId, metric, reservation.month), delta, 62 * DAY_MS]);
    }
  }
  if (keys.length === 0) return;
  for (let attempt = 0; attempt < 20; attempt++) {
    const entries = await services.kv.getMany<number[]>(keys.map(([k]) => k));
    const op = services.kv.atomic();
    keys.forEach(([key, delta, expireIn], i) => {
      op.check(entries[i]);
      op.set(key, Math.max(0, (entries[i].value ?? 0) + delta), { expireIn });
    });
    if ((await op.commit()).ok) return;
  }
  logger.error("quota settle gave up after conflicts", { keys: keys.length });
}

/** What {@link extend} added to a reservation (each part may be 0). */
export interface Extension {
  reservation: Reservation;
  tokens: number;
  costMicros: number;
}

/**
 * Grows a held reservation by up to `want` tokens and micro-dollars, as far as the owner's
 * limits allow right now (atomically, like {@link reserve}); a limit already reached grants 0.
 * Returns the grown reservation, which the caller must keep: `settle` replaces what it holds.
 */
export async function extend(
  services: Pick<Services, "kv" | "db">,
  reservation: Reservation,
  want: { tokens: number; costMicros: number },
): Promise<Extension> {
  const o = reservation.owner;
  const plan = "anonymous" in o ? "anonymous" : await planOf(services, o.tenantId);
  const counters = countersFor(o, plan, reservation.day, reservation.month, {
    requests: 0,
    tokens: 0,
    costMicros: 0,
  }).filter((c) => c.metric === "tokens" || c.metric === "cost_usd");
  const asked = {
    tokens: Math.max(0, Math.ceil(want.tokens)),
    cost_usd: Math.max(0, Math.ceil(want.costMicros)),
  };
  for (let attempt = 0; attempt < 20; attempt++) {
    const entries = await services.kv.getMany<number[]>(counters.map((c) => c.key));
    const grant = { ...asked };
    counters.forEach((c, i) => {
      if (c.limit === null) return;
      const room = Math.max(0, c.limit - (entries[i].value ?? 0));
      const m = c.metric as keyof typeof grant;
      grant[m] = Math.min(grant[m], room);
    });
    const op = services.kv.atomic();
    counters.forEach((c, i) => {
      const add = grant[c.metric as keyof typeof grant];
      op.check(entries[i]);
      if (add > 0) op.set(c.key, (entries[i].value ?? 0) + add, { expireIn: c.expireIn });
    });
    if ((await op.commit()).ok) {
      return {
        reservation: {
          ...reservation,
          tokens: reservation.tokens + grant.tokens,
          costMicros: reservation.costMicros + grant.cost_usd,
        },
        tokens: grant.tokens,
        costMicros: grant.cost_usd,
      };
    }
  }
  return { reservation, tokens: 0, costMicros: 0 };
}

/** A workspace's current use of each plan limit (for the dashboard). */
export async function quotaUsage(
  services: Pick<Services, "kv" | "db">,
  tenantId: string,
  plan?: string,
): Promise<QuotaUsage> {
  const { day, month } = periodsOf();
  const planId = await planOf(services, tenantId, plan);
  const counters = countersFor({ tenantId }, planId, day, month, {
    requests: 0,
    tokens: 0,
    costMicros: 0,
  });
  const entries = await services.kv.getMany<number[]>(counters.map((c) => c.key));
  return {
    plan: planId,
    metrics: counters.map((c, i) => {
      const used = entries[i].value ?? 0;
      const cost = c.metric === "cost_usd";
      return {
        metric: c.metric,
        used: cost ? used / MICROS : used,
        limit: c.limit === null ? null : cost ? c.limit / MICROS : c.limit,
        period: c.period,
        resetsAt: c.resetsAt.toISOString(),
      };
    }),
  };
}
