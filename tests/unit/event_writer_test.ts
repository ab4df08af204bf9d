/** The run event writer: order, token coalescing, and a failed write that nobody awaited. */
import { assertEquals, assertRejects } from "../support/assert.ts";
import { RunEventWriter } from "../../lib/agents/runs/event_writer.ts";

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

Deno.test("tokens after the first are coalesced and written before the next event", async () => {
  const written: [string, unknown][] = [];
  const writer = new RunEventWriter((type, data) => {
    written.push([type, data]);
    return Promise.resolve();
  }, 20);
  await writer.token("Hel");
  await writer.token("lo ");
  await writer.token("world");
  await writer.event("usage", { tokensIn: 1, tokensOut: 3, costUsd: 0 });
  await writer.close();
  assertEquals(written, [
    ["token", { text: "Hel" }],
    ["token", { text: "lo world" }],
    ["usage", { tokensIn: 1, tokensOut: 3, costUsd: 0 }],
  ]);
});

Deno.test("a write that fails from the coalescing timer is reported by close, never left unhandled", async () => {
  let calls = 0;
  const writer = new RunEventWriter(() => {
    calls++;
    return calls > 1 ? Promise.reject(new Error("kv closed")) : Promise.resolve();
  }, 5);
  await writer.token("first");
  await writer.token("second");
  await tick(30);
  await writer.token("third");
  await assertRejects(() => writer.close(), Error, "kv closed");
  assertEquals(calls, 2, "no write is tried after the first failure");
});
