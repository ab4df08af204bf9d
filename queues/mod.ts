/**
 * Registers every queue handler and cron job by importing the modules that define them.
 * Each feature adds one import line here.
 */
export { schedules } from "../lib/jobs/schedules.ts";
import "./outbox.ts";
import "./demo_counts.ts";
import "./notifications.ts";
import "./lead_qualification.ts";
import "./agent_runs.ts";
import "./maintenance.ts";
