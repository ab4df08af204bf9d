/**
 * The cap on live streams (SSE) one client IP holds open at once (`SSE_MAX_PER_IP`, per
 * instance: open connections are this process's resource). Over the cap: a 429 JSON error and
 * `relay_denials_total{kind="sse_cap"}`. A slot is released when its stream ends, whether the
 * client disconnected, the stream finished or the server is shutting down.
 */
import { type FreshContext, HttpError } from "../framework/mod.ts";
import { ipSubject } from "../security/client_ip.ts";
import { requestIp } from "../security/rate_limit.ts";
import { metrics } from "../telemetry/metrics.ts";

const open = new Map<string, number>();

/** Streams open per client (IPv4 address or IPv6 /64) in this process, for tests and ops. */
export function openStreamsOf(ip: string): number {
  return open.get(ipSubject(ip)) ?? 0;
}

/**
 * Takes one of the caller's stream slots and returns its release function (idempotent; pass
 * it to `sseResponse` as `onClose`), or throws the 429 when the caller already holds the cap.
 * Call it last, right before `sseResponse`, so no error can leave a slot taken.
 */
export function claimSseSlot(ctx: Pick<FreshContext, "state" | "hono">): () => void {
  const max = ctx.state.services.settings.sseMaxPerIp;
  const subject = ipSubject(requestIp(ctx.hono));
  const held = open.get(subject) ?? 0;
  if (held >= max) {
    metrics.denial({ kind: "sse_cap", rule: "sse_per_ip" });
    throw new HttpError(
      429,
      "too_many_streams",
      `Too many live streams are open from your address (at most ${max}). Close another tab or window, then try again.`,
      { "retry-after": "5" },
      { limit: max },
    );
  }
  open.set(subject, held + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (open.get(subject) ?? 1) - 1;
    if (left > 0) open.set(subject, left);
    else open.delete(subject);
  };
}
