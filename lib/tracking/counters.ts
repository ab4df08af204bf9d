/**
 * Daily demo-event counts in KV (`["demo_counts", scope, day, type]`, KV `sum`), so the
 * dashboard reads 30 days of visits and demo runs with one range scan instead of the logs.
 */
import { demoCountKey, prefixes } from "../../kv/keys.ts";
import type { DemoEventType } from "./events.ts";

/** Days of counts kept (KV `sum` takes no TTL: {@link sweepDemoCounts} removes older days). */
export const DEMO_COUNT_DAYS = 400;

/** The UTC day (`YYYY-MM-DD`) of a time. */
export function utcDay(at: number | Date = Date.now()): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** Adds one event of `type` to `scope`'s count for the day of `at`. */
export async function countDemoEvent(
  kv: Deno.Kv,
  scope: string,
  type: DemoEventType,
  at: number,
): Promise<void> {
  await kv.atomic().sum(demoCountKey(scope, utcDay(at), type), 1n).commit();
}

/** Counts per day and type for `scope` from `fromDay` to `toDay` inclusive. */
export async function readDemoCounts(
  kv: Deno.Kv,
  scope: string,
  fromDay: string,
  toDay: string,
): Promise<Map<string, Partial<Record<DemoEventType, number>>>> {
  const out = new Map<string, Partial<Record<DemoEventType, number>>>();
  const iter = kv.list<Deno.KvU64>({
    start: [...prefixes.demoCounts, scope, fromDay],
    end: [...prefixes.demoCounts, scope, `${toDay}\uffff`],
  });
  for await (const entry of iter) {
    const day = String(entry.key[2]);
    const type = String(entry.key[3]) as DemoEventType;
    const row = out.get(day) ?? {};
    row[type] = Number(entry.value.value);
    out.set(day, row);
  }
  return out;
}

/** Deletes counts older than {@link DEMO_COUNT_DAYS}; returns how many went. */
export async function sweepDemoCounts(kv: Deno.Kv, now = Date.now()): Promise<number> {
  const oldest = utcDay(now - DEMO_COUNT_DAYS * 24 * 60 * 60 * 1000);
  let removed = 0;
  for await (const entry of kv.list({ prefix: prefixes.demoCounts })) {
    if (String(entry.key[2]) < oldest) {
      await kv.delete(entry.key);
      removed++;
    }
  }
  return removed;
}
