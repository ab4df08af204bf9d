/**
 * Fail-fast check that jobs have somewhere to run: KV Connect (denokv) and the new Deno Deploy
 * have no KV queues, so without a PostgreSQL jobs backend every lead, run, notification and
 * audit event would be dropped.
 */
import type { z } from "zod";
import { isRemoteKv } from "../../kv/remote.ts";

interface JobsFields {
  KV_PATH: string;
  KV_QUEUES: boolean;
  DATABASE_URL?: string;
  JOBS_BACKEND: "kv" | "postgres";
}

/** Adds an issue per impossible combination of KV_PATH, KV_QUEUES, DATABASE_URL, JOBS_BACKEND. */
export function checkJobsTopology(e: JobsFields, ctx: z.RefinementCtx): void {
  const where = e.KV_PATH === "deploy" ? "Deno Deploy's KV" : `the KV at ${e.KV_PATH}`;
  if (e.KV_QUEUES && isRemoteKv(e.KV_PATH)) {
    ctx.addIssue({
      code: "custom",
      path: ["KV_QUEUES"],
      message: `KV_QUEUES is true but ${where} has no queues (KV Connect and the new Deno ` +
        "Deploy refuse enqueue)",
    });
  }
  const postgres = /^postgres(ql)?:\/\//.test(e.DATABASE_URL ?? "");
  if (e.JOBS_BACKEND === "kv" && !e.KV_QUEUES) {
    ctx.addIssue({
      code: "custom",
      path: ["JOBS_BACKEND"],
      message: `JOBS_BACKEND is kv but ${where} has no queues, so every job (leads, runs, ` +
        "notifications, audit events) would be dropped: set DATABASE_URL to a PostgreSQL " +
        "server and JOBS_BACKEND=postgres",
    });
  } else if (e.JOBS_BACKEND === "postgres" && !postgres) {
    ctx.addIssue({
      code: "custom",
      path: ["JOBS_BACKEND"],
      message: "JOBS_BACKEND is postgres but DATABASE_URL names no PostgreSQL server " +
        "(embedded PGlite cannot carry jobs for other processes)",
    });
  }
}
