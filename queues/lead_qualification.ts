/** Queue handler and sweep of lead qualification (the lead-qualifier agent on every lead). */
import { QUALIFY_LEAD, qualifyLead, sweepStaleQualifications } from "../lib/leads/qualification.ts";
import { type Schedule, schedules } from "../lib/jobs/schedules.ts";
import { onJob } from "../lib/jobs/registry.ts";

onJob(QUALIFY_LEAD, async (message, services) => {
  await qualifyLead(services, String(message.leadId));
});

/** Every 5 minutes: re-enqueues qualifications whose queue job was lost. */
export const qualifySweepJob: Schedule = {
  name: "lead-qualify-sweep",
  schedule: "*/5 * * * *",
  run: async (services) => {
    await sweepStaleQualifications(services);
  },
};

schedules.push(qualifySweepJob);
