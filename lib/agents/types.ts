/** The shapes shared by agent definitions, tools, providers and the run worker. */
import type { z } from "zod";
import type { Settings } from "../config.ts";
import type { DocHit } from "../docs/search.ts";
import type { DemoField } from "../live_demo/types.ts";

/** A tool the model (or the offline engine) may call. */
export interface Tool<Args = Record<string, unknown>, Result = unknown> {
  name: string;
  description: string;
  /** Arguments, validated before every call (the model's JSON is untrusted). */
  args: z.ZodType<Args>;
  run(args: Args, env: ToolEnv): Promise<Result>;
}

export type { DocHit } from "../docs/search.ts";

/** Searches the docs full-text index. */
export type SearchDocs = (query: string, limit?: number) => Promise<DocHit[]>;

/** What a tool may use: settings (the ideal-customer profile), the docs index, the signal. */
export interface ToolEnv {
  settings: Settings;
  searchDocs: SearchDocs;
  signal: AbortSignal;
}

/** Calls a tool by name, reporting the call and its result as run events. */
export type CallTool = (name: string, args: Record<string, unknown>) => Promise<unknown>;

/** What an agent's offline behaviour receives. */
export interface OfflineContext {
  callTool: CallTool;
  /**
   * Streams `text` to the reader now, before the next tool call, as a model's text between its
   * tool calls is (the answer is everything said, then what `offline` returns).
   */
  say(text: string): Promise<void>;
  settings: Settings;
}

/**
 * One agent: everything a provider needs to run it, and what the offline engine does. `Input`
 * is what clients send; `Ready` is what runs receive after `prepare` (uploads checked and read).
 */
export interface AgentDefinition<
  Input = Record<string, unknown>,
  Ready = Input,
> {
  id: string;
  title: string;
  description: string;
  /** Validates `POST /api/runs` input; published as JSON Schema by `GET /api/agents`. */
  input: z.ZodType<Input>;
  /** Turns validated input into what the run stores and works on (may throw an HttpError). */
  prepare?(input: Input, settings: Settings): Promise<Ready>;
  systemPrompt: string;
  /** Turns prepared input into the user message a model reads. */
  userMessage(input: Ready): string;
  tools: Tool[];
  /** The form fields the live demo shows (text, URL and file fields of the input). */
  fields: DemoField[];
  /** Example input that clients and tests can start the agent with. */
  example: Input;
  /** More inputs the demo offers as one-click choices. */
  samples: { label: string; input: Input }[];
  /**
   * The offline engine's behaviour: real work with the same tools, saying what it found between
   * the calls; returns the rest of the answer.
   */
  offline(input: Ready, ctx: OfflineContext): Promise<string>;
}

/** Token usage of a run or of one model call. */
export interface Usage {
  tokensIn: number;
  tokensOut: number;
}

/** Events a provider reports while it works (the worker turns them into run events). */
export interface ProviderSink {
  token(text: string): Promise<void>;
  toolCall(call: { id: string; name: string; arguments: Record<string, unknown> }): Promise<void>;
  toolResult(result: { id: string; name: string; result: unknown; error?: string }): Promise<void>;
  usage(usage: Usage): Promise<void>;
}

/** Which engine ran (or will run) an agent. */
export type ProviderName = "openai" | "offline";

/**
 * The spend a run may still make, asked before every model call: how many output tokens the
 * next call may produce (`max_tokens`), 0 when nothing is left; `spent` books a call's usage.
 */
export interface CallBudget {
  maxTokens(promptTokens: number): Promise<number>;
  spent(usage: Usage): void;
  /** Why the last `maxTokens` answered 0, in words a visitor understands. */
  readonly exhausted: string | null;
}

/** Why a provider stopped before the model answered (the run ends failed with it). */
export interface ProviderStop {
  code: "quota_exhausted";
  message: string;
}

/** What a provider returns when it finishes. */
export interface ProviderResult {
  output: string;
  usage: Usage;
  model: string;
  /** Set when the provider stopped early, e.g. the run's quota was spent. */
  stop?: ProviderStop;
}
