/** The jobs interface both backends implement (Deno KV queues, PostgreSQL via graphile-worker). */
import type { JobMessage } from "./registry.ts";

/** Which backend carries jobs. */
export type JobsBackendName = "kv" | "postgres";

/** How a job is enqueued (the options of `kv.enqueue`, honoured by both backends). */
export interface JobOptions {
  /** Milliseconds before the job may run. */
  delay?: number;
  /** Retry delays after failures; its length + 1 is the number of attempts. */
  backoffSchedule?: number[];
  /** Where the message is written when every attempt failed (a dead-letter list). */
  keysIfUndelivered?: Deno.KvKey[];
}

/** The app's jobs: enqueueing, the worker, schedules and a readiness round trip. */
export interface Jobs {
  readonly backend: JobsBackendName;
  /**
   * Adds `message` to a KV atomic operation so the job exists exactly when `op` commits (KV
   * queues enqueue inside it; PostgreSQL gets a hand-off record that {@link Jobs.flush} and a
   * relay loop move into its queue). Returns the job id; call `flush` with it after the commit.
   */
  stage(op: Deno.AtomicOperation, message: JobMessage, options?: JobOptions): string;
  /** Hands jobs staged in committed operations to the backend now (no-op on KV). */
  flush(jobIds: string[]): Promise<void>;
  /** Enqueues one job; returns its id. */
  enqueue(message: JobMessage, options?: JobOptions): Promise<string>;
  /** A real round trip through the backend (for /readyz); resolves with a short detail. */
  check(): Promise<string>;
  /** Waits (at most `timeoutMs`) for the jobs running now to finish. */
  drain(timeoutMs: number): Promise<void>;
  /** Stops taking jobs and firing schedules; resolves when the worker has stopped. */
  stop(): Promise<void>;
}
