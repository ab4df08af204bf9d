import { assert, assertEquals } from "../support/assert.ts";
import {
  currentDemoKey,
  DEMO_KEY_MAX_AGE_MS,
  DEMO_KEY_WINDOW_MS,
  demoKeyProblem,
  issueDemoKey,
} from "../../lib/tracking/demo_key.ts";
import { backoffDelay } from "../../lib/tracking/live_feed.ts";
import { countDemoEvent, readDemoCounts, sweepDemoCounts } from "../../lib/tracking/counters.ts";
import { csvField } from "../../lib/dashboard/leads.ts";
import { decodeCursor, encodeCursor } from "../../lib/dashboard/cursor.ts";

const A = { demoKeySecrets: ["a".repeat(40)] };
const B = { demoKeySecrets: ["b".repeat(40)] };

Deno.test("demo keys: valid in their window and grace period, then expired; forged and rotated", async () => {
  const t0 = Date.UTC(2026, 10, 25, 12, 0, 0);
  const key = await issueDemoKey(A, t0);
  assertEquals(await demoKeyProblem(A, key, t0), null);
  assertEquals(
    await demoKeyProblem(A, key, t0 + DEMO_KEY_WINDOW_MS),
    null,
    "valid into the next window",
  );
  assertEquals(await demoKeyProblem(A, key, t0 + DEMO_KEY_MAX_AGE_MS + 1000), "invalid", "expired");
  assertEquals(await demoKeyProblem(B, key, t0), "invalid", "another secret: forged");
  const rotated = { demoKeySecrets: [B.demoKeySecrets[0], A.demoKeySecrets[0]] };
  assertEquals(await demoKeyProblem(rotated, key, t0), null, "old keys verify after rotation");
  assert((await issueDemoKey(rotated, t0)) !== key, "new keys use the newest secret");
  assertEquals(await demoKeyProblem(A, null, t0), "missing");
  assertEquals(await demoKeyProblem(A, "x".repeat(600), t0), "invalid");
});

Deno.test("the current demo key is computed once per window", async () => {
  const t0 = Date.UTC(2026, 10, 25, 12, 0, 0);
  const k1 = await currentDemoKey(A, t0);
  assertEquals(await currentDemoKey(A, t0 + 1000), k1);
  assert((await currentDemoKey(A, t0 + DEMO_KEY_WINDOW_MS)) !== k1);
});

Deno.test("reconnect delays grow exponentially, are capped and jittered", () => {
  assertEquals(backoffDelay(0, 500, 15_000, 0.5), 500);
  assertEquals(backoffDelay(3, 500, 15_000, 0.5), 4000);
  assertEquals(backoffDelay(10, 500, 15_000, 0.5), 15_000);
  assertEquals(backoffDelay(2, 500, 15_000, 0), 1000);
  assertEquals(backoffDelay(2, 500, 15_000, 0.999), 2998);
});

Deno.test("daily demo counts add up per scope and day; old days are swept", async () => {
  const kv = await Deno.openKv(":memory:");
  try {
    const day = Date.UTC(2026, 10, 25, 10);
    await countDemoEvent(kv, "ws", "page_view", day);
    await countDemoEvent(kv, "ws", "page_view", day + 1000);
    await countDemoEvent(kv, "ws", "cta_click", day);
    await countDemoEvent(kv, "other", "page_view", day);
    await countDemoEvent(kv, "ws", "page_view", day - 500 * 86_400_000);
    const counts = await readDemoCounts(kv, "ws", "2026-11-01", "2026-11-30");
    assertEquals(counts.get("2026-11-25"), { page_view: 2, cta_click: 1 });
    assertEquals(await sweepDemoCounts(kv, day), 1);
  } finally {
    kv.close();
  }
});

Deno.test("CSV fields are quoted and spreadsheet formulas neutralised", () => {
  assertEquals(csvField("plain"), "plain");
  assertEquals(csvField('say "hi", ok'), '"say ""hi"", ok"');
  assertEquals(csvField("=SUM(A1)"), "'=SUM(A1)");
  assertEquals(csvField("+1"), "'+1");
  assertEquals(csvField(null), "");
});

Deno.test("list cursors round-trip and reject garbage", () => {
  const c = { at: new Date("2026-11-25T10:00:00.000Z"), id: "run-1" };
  assertEquals(decodeCursor(encodeCursor(c)), c);
  assertEquals(decodeCursor("!!"), null);
  assertEquals(decodeCursor(btoa("[1,2]")), null);
  assertEquals(decodeCursor(undefined), null);
});
