/** Scheduled jobs: each feature adds its own; a jobs backend fires each once per tick. */
import type { Services } from "../services.ts";

/** A scheduled job: its handler is exported so tests can call it directly. */
export interface Schedule {
  /** Unique name, also the tick lease's and the crontab item's identifier. */
  name: string;
  /** Five-field cron expression, UTC. */
  schedule: string;
  run(services: Services): Promise<void>;
}

/** The scheduled jobs of the app. */
export const schedules: Schedule[] = [];

/** A schedule's name as a job identifier (letters, digits, `_`, `-`, `.` and `:` only). */
export function scheduleTask(name: string): string {
  return `schedule:${name.replace(/[^a-zA-Z0-9_.-]+/g, "_")}`;
}
