import type { Services } from "../lib/services.ts";
import { logger } from "../lib/telemetry/log.ts";

/** A scheduled job: its handler is exported so tests can call it directly. */
export interface CronJob {
  name: string;
  schedule: string;
  run(services: Services): Promise<void>;
}

/** The scheduled jobs of the app; each feature adds its own. */
export const cronJobs: CronJob[] = [];

/** Registers every cron job with `Deno.cron`; they stop when `signal` aborts. */
export function registerCrons(services: Services, signal: AbortSignal) {
  for (const job of cronJobs) {
    Deno.cron(job.name, job.schedule, { signal }, async () => {
      const started = performance.now();
      try {
        await job.run(services);
        logger.info("cron done", { job: job.name, durationMs: performance.now() - started });
      } catch (error) {
        logger.error("cron failed", { job: job.name, error });
      }
    });
  }
}
