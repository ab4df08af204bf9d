/**
 * Dead letters: writes Postgres refused for good (an outbox entry whose data it rejects, a
 * finished run it cannot store). Each is taken out of its retry path, so it cannot block or
 * flood the others, and kept in KV with the database's reason for an operator to see on the
 * dashboard's System page (and in the error log, once).
 */
import { deadLetterKey, prefixes } from "../../kv/keys.ts";
import type { Services } from "../services.ts";
import { logger } from "../telemetry/log.ts";

/** One write that was given up on. */
export interface DeadLetter {
  /** Where it came from: `outbox:<kind>` or `run`. */
  source: string;
  id: string;
  /** The database's reason, e.g. `22021: invalid byte sequence for encoding "UTF8": 0x00`. */
  reason: string;
  at: string;
  /** The outbox entry itself (so it can be fixed and replayed); absent for runs (still in KV). */
  entry?: unknown;
}

/** The reason text of a database error: SQLSTATE and message, without parameters. */
export function reasonOf(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  const message = (error as Error)?.message ?? String(error);
  return `${typeof code === "string" ? `${code}: ` : ""}${message}`.slice(0, 300);
}

/** Stores a dead letter and logs it (source, id and reason; never the payload). */
export async function recordDeadLetter(
  services: Pick<Services, "kv">,
  letter: Omit<DeadLetter, "at">,
): Promise<DeadLetter> {
  const stored: DeadLetter = { ...letter, at: new Date().toISOString() };
  await services.kv.set(deadLetterKey(letter.source, letter.id), stored);
  logger.error("write dead-lettered", {
    source: letter.source,
    id: letter.id,
    reason: letter.reason,
  });
  return stored;
}

/** Dead letters, by source then id (oldest ids first), at most `limit`. */
export async function listDeadLetters(
  kv: Deno.Kv,
  limit = 100,
): Promise<DeadLetter[]> {
  const out: DeadLetter[] = [];
  for await (const e of kv.list<DeadLetter>({ prefix: prefixes.deadLetters }, { limit })) {
    out.push(e.value);
  }
  return out;
}
