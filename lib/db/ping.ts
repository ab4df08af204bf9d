/** Readiness check. */
import type { Db } from "./types.ts";

/** True if `select 1` answers within `timeoutMs`; false on any error or timeout, never hangs. */
export async function ping(db: Db, timeoutMs = 1000): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const query = db.query("select 1").then(() => true, () => false);
  const timeout = new Promise<false>((resolve) =>
    timer = setTimeout(() => resolve(false), timeoutMs)
  );
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
