import { logger } from "../telemetry/log.ts";
import { DbUnavailableError } from "./errors.ts";
import { migrate } from "./migrate.ts";
import type { Db } from "./types.ts";

/** Whether the schema is migrated; readiness reports not-ready until it is. */
export interface SchemaState {
  ready: boolean;
  /** True while the database is still being opened and migrated at start-up. */
  warming?: boolean;
}

/**
 * Migrates now; if the database is unreachable, keeps retrying in the background with backoff
 * (so an instance can start during an outage and serve what needs no database). Any other
 * migration error, such as a changed migration file, is thrown: the app must not start.
 */
export async function keepMigrated(
  db: Db,
  signal: AbortSignal,
  state: SchemaState = { ready: false },
): Promise<SchemaState> {
  const attempt = async () => {
    const { applied } = await migrate(db);
    if (applied.length) logger.info("migrations applied", { applied });
    state.ready = true;
  };
  try {
    await attempt();
  } catch (error) {
    if (!(error instanceof DbUnavailableError)) throw error;
    logger.warn("database unavailable at start; retrying", { error: error.message });
    retry(attempt, signal);
  }
  return state;
}

function retry(attempt: () => Promise<void>, signal: AbortSignal) {
  let delay = 1000;
  const timer = () =>
    setTimeout(async () => {
      if (signal.aborted) return;
      try {
        await attempt();
      } catch (error) {
        if (!(error instanceof DbUnavailableError)) {
          logger.error("migration failed", { error });
          return;
        }
        delay = Math.min(delay * 2, 30_000);
        handle = timer();
      }
    }, delay);
  let handle = timer();
  signal.addEventListener("abort", () => clearTimeout(handle), { once: true });
}
