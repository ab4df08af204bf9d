/** Agent runs on the KV queue (the run worker) and the run sweeper cron. */
import { handleRunMessage } from "../lib/agents/runs/worker.ts";
import { RUN_MESSAGE_TYPE, type RunMessage } from "../lib/agents/runs/queue.ts";
import { sweepRuns } from "../lib/agents/runs/sweeper.ts";
import { cronJobs } from "./crons.ts";
import { onQueue } from "./registry.ts";

onQueue(RUN_MESSAGE_TYPE, (message, services) => handleRunMessage(message as RunMessage, services));

cronJobs.push({
  name: "sweep agent runs",
  schedule: "* * * * *",
  run: async (services) => void await sweepRuns(services),
});
