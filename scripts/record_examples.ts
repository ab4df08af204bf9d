/**
 * `deno task record:examples`: runs every sample input of every agent through the offline
 * engine and writes the transcripts the live demos show to content/examples/<agent>.json.
 */
import { agents } from "../lib/agents/registry.ts";
import { examplesFile, recordAgent, recordingSettings } from "../lib/examples/record.ts";

const settings = await recordingSettings();
for (const agent of agents) {
  const transcripts = await recordAgent(agent, settings);
  const file = examplesFile(agent.id);
  await Deno.writeTextFile(file, JSON.stringify(transcripts, null, 2) + "\n");
  console.log(`${agent.id}: ${transcripts.examples.length} examples -> ${file.pathname}`);
}
