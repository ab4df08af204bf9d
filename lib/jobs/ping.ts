/** The readiness round trip: a ping job whose handler records the nonce it carried in KV. */
import { jobPingKey } from "../../kv/keys.ts";
import { type JobMessage, onJob } from "./registry.ts";

/** Message type of the readiness ping. */
export const JOBS_PING = "jobs.ping";

onJob(JOBS_PING, async (message, services) => {
  await services.kv.set(jobPingKey(String(message.nonce)), Date.now(), { expireIn: 60_000 });
});

/**
 * Enqueues a ping with `send` and waits until some worker (on any instance) has handled it;
 * resolves with the round trip in ms, rejects after `timeoutMs`.
 */
export async function pingJobs(
  kv: Deno.Kv,
  send: (message: JobMessage) => Promise<unknown>,
  timeoutMs: number,
): Promise<string> {
  const nonce = crypto.randomUUID();
  const started = performance.now();
  await send({ type: JOBS_PING, nonce });
  while (performance.now() - started < timeoutMs) {
    if ((await kv.get(jobPingKey(nonce))).value !== null) {
      return `round trip ${Math.round(performance.now() - started)} ms`;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no worker handled a ping job within ${timeoutMs} ms`);
}
