/** One stored event of an append-only log. */
export interface LoggedEvent<T = unknown> {
  /** Position in its log, from 1, without gaps. */
  seq: number;
  /** Event type (the SSE `event:` field). */
  type: string;
  data: T;
  /** Milliseconds since the epoch when it was appended. */
  at: number;
}

const MAX_RETRIES = 50;

/** KV key of a log's head (its last seq). */
export function headKey(prefix: Deno.KvKey): Deno.KvKey {
  return ["log_heads", ...prefix];
}

/**
 * Appends an event at the next seq with one atomic commit that also moves the head, so the
 * order of seqs is the order of commits even with many writers on many instances. `expireIn`
 * is the event's retention; `headExpireIn` lets a finished log's head expire too (never for
 * long-lived feeds, whose seqs must not restart).
 */
export async function appendEvent<T>(
  kv: Deno.Kv,
  prefix: Deno.KvKey,
  type: string,
  data: T,
  { expireIn, headExpireIn }: { expireIn?: number; headExpireIn?: number } = {},
): Promise<LoggedEvent<T>> {
  const head = headKey(prefix);
  for (let attempt = 0; attempt < MAX_RETRIES; attempt++) {
    const current = await kv.get<number>(head);
    const seq = (current.value ?? 0) + 1;
    const event: LoggedEvent<T> = { seq, type, data, at: Date.now() };
    const result = await kv.atomic()
      .check(current)
      .set(head, seq, headExpireIn ? { expireIn: headExpireIn } : undefined)
      .set([...prefix, seq], event, expireIn ? { expireIn } : undefined)
      .commit();
    if (result.ok) return event;
    await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, 2 ** attempt)));
  }
  throw new Error(`could not append to ${prefix.join("/")}: too much contention`);
}

/** The last seq of a log (0 when empty). */
export async function readHead(kv: Deno.Kv, prefix: Deno.KvKey): Promise<number> {
  return (await kv.get<number>(headKey(prefix))).value ?? 0;
}

/** Events after `after`, oldest first, at most `limit`. */
export async function readAfter<T>(
  kv: Deno.Kv,
  prefix: Deno.KvKey,
  after: number,
  limit = 500,
): Promise<LoggedEvent<T>[]> {
  const out: LoggedEvent<T>[] = [];
  const iter = kv.list<LoggedEvent<T>>({
    start: [...prefix, after + 1],
    end: [...prefix, Number.MAX_SAFE_INTEGER],
  }, { limit });
  for await (const entry of iter) out.push(entry.value);
  return out;
}

/** The last `count` events, oldest first. */
export async function readLast<T>(
  kv: Deno.Kv,
  prefix: Deno.KvKey,
  count: number,
): Promise<LoggedEvent<T>[]> {
  const out: LoggedEvent<T>[] = [];
  const iter = kv.list<LoggedEvent<T>>({
    start: [...prefix, 0],
    end: [...prefix, Number.MAX_SAFE_INTEGER],
  }, { limit: count, reverse: true });
  for await (const entry of iter) out.push(entry.value);
  return out.reverse();
}
