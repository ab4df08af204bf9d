/** Runs tool calls for either engine: validates arguments, reports the call and its result. */
import type { AgentDefinition, ProviderSink, ToolEnv } from "./types.ts";
import { traceToolCall } from "../telemetry/tracing.ts";

/** A tool call's outcome as the model reads it back. */
export interface ToolOutcome {
  result: unknown;
  error?: string;
}

/**
 * Executes `name(args)` for `agent`: unknown tools and invalid arguments become an error the
 * model can read (never an exception), and both the call and the result go to `sink`.
 */
export async function runToolCall(
  agent: AgentDefinition,
  env: ToolEnv,
  sink: ProviderSink,
  call: { id: string; name: string; arguments: Record<string, unknown> },
): Promise<ToolOutcome> {
  await sink.toolCall(call);
  const tool = agent.tools.find((t) => t.name === call.name);
  let outcome: ToolOutcome;
  if (!tool) {
    outcome = { result: null, error: `unknown tool ${call.name}` };
  } else {
    const parsed = tool.args.safeParse(call.arguments);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "args"}: ${i.message}`);
      outcome = { result: null, error: `invalid arguments: ${issues.join("; ")}` };
    } else {
      outcome = { result: await traceToolCall(call.name, () => tool.run(parsed.data, env)) };
    }
  }
  await sink.toolResult({ id: call.id, name: call.name, ...outcome });
  return outcome;
}
