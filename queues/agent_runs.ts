/** Agent runs on the KV queue (the run worker) and the run sweeper cron. */
import { handleRunMessage } from "../lib/agents/runs/worker.ts";
import { RUN_MESSAGE_TYPE, type RunMessage } from "../lib/agents/runs/queue.ts";
import { sweepRuns } from "../lib/agents/runs/sweeper.ts";
import { schedules } from "../lib/jobs/schedules.ts";
import { onJob } from "../lib/jobs/registry.ts";

onJob(RUN_MESSAGE_TYPE, (message, services) => handleRunMessage(message as RunMessage, services));

schedules.push({
  name: "sweep agent runs",
  schedule: "* * * * *",
  run: async (services) => void await sweepRuns(services),
});
