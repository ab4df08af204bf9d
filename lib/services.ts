import "./state.ts";
import type { Settings } from "./config.ts";
import type { Db } from "./db/mod.ts";
import type { SchemaState } from "./db/keep_migrated.ts";
import type { Jobs } from "./jobs/types.ts";
import type { LogHub } from "./realtime/hub.ts";

/** The long-lived dependencies of one app instance, handed to routes through `ctx.state`. */
export interface Services {
  settings: Settings;
  kv: Deno.Kv;
  db: Db;
  /** Jobs and schedules on the backend `JOBS_BACKEND` selects (KV queues or PostgreSQL). */
  jobs: Jobs;
  /** Unique per process: tells instances apart in logs and health checks. */
  instanceId: string;
  /** Aborted when the instance begins a graceful shutdown: long-lived streams end on it. */
  shutdown: AbortSignal;
  /** Wakes followers of KV event logs (demo feed, run events) on every instance. */
  hub: LogHub;
  /** Whether the database schema is migrated (false while the database is unreachable). */
  schema: SchemaState;
}
