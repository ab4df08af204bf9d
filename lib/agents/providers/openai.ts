/**
 * The OpenAI-compatible provider (OpenAI, Azure, Ollama, vLLM... through the `openai` package):
 * streamed chat completions with tool calling in a loop until the model answers, usage from the
 * provider's usage chunk, a timeout for the first byte and for silence mid-stream, retries with
 * jittered backoff on 429, 5xx and timeouts (only while nothing has been streamed yet, so no
 * token is ever sent twice), and a shared circuit breaker that fails fast during an outage.
 */
import OpenAI from "openai";
import { z } from "zod";
import { estimateTokens, MAX_OUTPUT_TOKENS_PER_CALL } from "../tokens.ts";
import { runToolCall } from "../tool_calls.ts";
import type {
  AgentDefinition,
  CallBudget,
  ProviderResult,
  ProviderSink,
  ProviderStop,
  ToolEnv,
  Usage,
} from "../types.ts";
import { backoffDelay, sleep } from "./backoff.ts";
import type { CircuitBreaker } from "./breaker.ts";
import { ProviderError } from "./errors.ts";

/** Connection and retry settings of the provider. */
export interface OpenAiOptions {
  apiKey: string;
  baseURL?: string;
  model: string;
  /** For the first response and for any silence between streamed chunks. */
  timeoutMs: number;
  maxRetries: number;
  /** First retry delay; doubles per retry, with jitter. */
  retryBaseMs?: number;
  breaker: CircuitBreaker;
}

/** Model round trips (each may call tools) before the run stops with what it has. */
export const MAX_STEPS = 6;

type Message = OpenAI.Chat.ChatCompletionMessageParam;

interface StepResult {
  content: string;
  toolCalls: { id: string; name: string; arguments: string }[];
  usage: Usage | null;
}

/** Maps anything the client throws to a ProviderError with a message safe to show. */
export function toProviderError(error: unknown, timeoutMs: number): ProviderError {
  if (error instanceof ProviderError) return error;
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return new ProviderError(
      "timeout",
      `The AI provider did not answer within ${timeoutMs / 1000} s.`,
      true,
    );
  }
  if (error instanceof OpenAI.APIConnectionError) {
    return new ProviderError("provider_unavailable", "The AI provider could not be reached.", true);
  }
  if (error instanceof OpenAI.APIError) {
    const status = error.status ?? 0;
    if (status === 429) {
      const after = Number(error.headers?.get?.("retry-after"));
      return new ProviderError(
        "rate_limited",
        "The AI provider is rate limiting requests.",
        true,
        Number.isFinite(after) && after > 0 ? after * 1000 : undefined,
      );
    }
    if (status === 401 || status === 403) {
      return new ProviderError("auth_failed", "The AI provider refused the API key.", false);
    }
    if (status >= 500) {
      return new ProviderError(
        "provider_unavailable",
        `The AI provider failed (HTTP ${status}).`,
        true,
      );
    }
    if (status === 0) {
      return new ProviderError(
        "provider_unavailable",
        "The AI provider reported an error mid-stream.",
        true,
      );
    }
    return new ProviderError(
      "provider_rejected",
      `The AI provider rejected the request (HTTP ${status}).`,
      false,
    );
  }
  if (error instanceof SyntaxError) {
    return new ProviderError(
      "malformed_response",
      "The AI provider sent a malformed response.",
      false,
    );
  }
  return new ProviderError("provider_unavailable", "The AI provider failed unexpectedly.", true);
}

/** Failures that say the provider is unwell (they count toward opening the breaker). */
function isOutage(e: ProviderError): boolean {
  return e.code === "provider_unavailable" || e.code === "timeout";
}

function toolSchemas(agent: AgentDefinition): OpenAI.Chat.ChatCompletionTool[] {
  return agent.tools.map((t) => ({
    type: "function" as const,
    function: {
      name: t.name,
      description: t.description,
      parameters: z.toJSONSchema(t.args, { io: "input" }) as Record<string, unknown>,
    },
  }));
}

/** Prompt tokens of a request as the budget counts them (its messages and tool schemas, as JSON). */
export function promptTokens(
  messages: Message[],
  tools: OpenAI.Chat.ChatCompletionTool[] | undefined,
): number {
  return estimateTokens(JSON.stringify(messages)) +
    (tools ? estimateTokens(JSON.stringify(tools)) : 0);
}

/** The OpenAI-compatible provider. */
export class OpenAiProvider {
  readonly #client: OpenAI;

  constructor(private readonly options: OpenAiOptions) {
    this.#client = new OpenAI({
      apiKey: options.apiKey,
      baseURL: options.baseURL,
      timeout: options.timeoutMs,
      maxRetries: 0,
    });
  }

  /** The model this provider calls. */
  get model(): string {
    return this.options.model;
  }

  /**
   * Runs `agent` on `input` until the model answers without calling a tool. Every call's
   * `max_tokens` comes from `budget` (at most {@link MAX_OUTPUT_TOKENS_PER_CALL}); when the
   * budget has nothing left the loop stops and the result carries `stop`.
   */
  async run(
    agent: AgentDefinition,
    input: Record<string, unknown>,
    env: ToolEnv,
    sink: ProviderSink,
    budget?: CallBudget,
  ): Promise<ProviderResult> {
    const messages: Message[] = [
      { role: "system", content: agent.systemPrompt },
      { role: "user", content: agent.userMessage(input) },
    ];
    const tools = agent.tools.length ? toolSchemas(agent) : undefined;
    const usage: Usage = { tokensIn: 0, tokensOut: 0 };
    let output = "";
    let stop: ProviderStop | undefined;
    for (let step = 0; step < MAX_STEPS; step++) {
      const prompt = promptTokens(messages, tools);
      const maxTokens = budget ? await budget.maxTokens(prompt) : MAX_OUTPUT_TOKENS_PER_CALL;
      if (maxTokens <= 0) {
        stop = { code: "quota_exhausted", message: budget?.exhausted ?? "The quota is spent." };
        break;
      }
      const result = await this.#stepWithRetries(messages, tools, maxTokens, sink, env.signal);
      output += result.content;
      const used = {
        tokensIn: result.usage?.tokensIn ?? prompt,
        tokensOut: result.usage?.tokensOut ?? estimateTokens(result.content),
      };
      budget?.spent(used);
      usage.tokensIn += used.tokensIn;
      usage.tokensOut += used.tokensOut;
      if (result.toolCalls.length === 0) break;
      messages.push({
        role: "assistant",
        content: result.content || null,
        tool_calls: result.toolCalls.map((c) => ({
          id: c.id,
          type: "function" as const,
          function: { name: c.name, arguments: c.arguments },
        })),
      });
      for (const c of result.toolCalls) {
        let args: Record<string, unknown> = {};
        try {
          const parsed = JSON.parse(c.arguments || "{}");
          if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) args = parsed;
        } catch { /* the tool reports invalid arguments to the model */ }
        const outcome = await runToolCall(agent, env, sink, {
          id: c.id,
          name: c.name,
          arguments: args,
        });
        messages.push({ role: "tool", tool_call_id: c.id, content: JSON.stringify(outcome) });
      }
    }
    await sink.usage(usage);
    return { output, usage, model: this.options.model, ...(stop ? { stop } : {}) };
  }

  async #stepWithRetries(
    messages: Message[],
    tools: OpenAI.Chat.ChatCompletionTool[] | undefined,
    maxTokens: number,
    sink: ProviderSink,
    signal: AbortSignal,
  ): Promise<StepResult> {
    const { breaker, maxRetries, timeoutMs } = this.options;
    for (let attempt = 0;; attempt++) {
      await breaker.check();
      const streamed = { any: false };
      try {
        const result = await this.#step(messages, tools, maxTokens, sink, signal, streamed);
        await breaker.success();
        return result;
      } catch (error) {
        signal.throwIfAborted();
        const e = toProviderError(error, timeoutMs);
        if (isOutage(e)) await breaker.failure();
        if (!e.retryable || streamed.any || attempt >= maxRetries) throw e;
        const wait = Math.max(
          e.retryAfterMs ?? 0,
          backoffDelay(attempt + 1, this.options.retryBaseMs ?? 500),
        );
        await sleep(Math.min(wait, 30_000), signal);
      }
    }
  }

  async #step(
    messages: Message[],
    tools: OpenAI.Chat.ChatCompletionTool[] | undefined,
    maxTokens: number,
    sink: ProviderSink,
    signal: AbortSignal,
    streamed: { any: boolean },
  ): Promise<StepResult> {
    const request = new AbortController();
    const onAbort = () => request.abort(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    let idle = false;
    let timer = setTimeout(() => {
      idle = true;
      request.abort();
    }, this.options.timeoutMs);
    const calls = new Map<number, { id: string; name: string; arguments: string }>();
    let content = "";
    let usage: Usage | null = null;
    try {
      const stream = await this.#client.chat.completions.create({
        model: this.options.model,
        messages,
        ...(tools ? { tools } : {}),
        max_tokens: maxTokens,
        stream: true,
        stream_options: { include_usage: true },
      }, { signal: request.signal });
      for await (const chunk of stream) {
        clearTimeout(timer);
        timer = setTimeout(() => {
          idle = true;
          request.abort();
        }, this.options.timeoutMs);
        if (chunk.usage) {
          usage = { tokensIn: chunk.usage.prompt_tokens, tokensOut: chunk.usage.completion_tokens };
        }
        const delta = chunk.choices?.[0]?.delta;
        if (delta?.content) {
          streamed.any = true;
          content += delta.content;
          await sink.token(delta.content);
        }
        for (const d of delta?.tool_calls ?? []) {
          const call = calls.get(d.index) ?? { id: "", name: "", arguments: "" };
          if (d.id) call.id = d.id;
          if (d.function?.name) call.name += d.function.name;
          if (d.function?.arguments) call.arguments += d.function.arguments;
          calls.set(d.index, call);
        }
      }
    } catch (error) {
      if (!idle) throw error;
    } finally {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
    }
    signal.throwIfAborted();
    if (idle) {
      throw new ProviderError(
        "timeout",
        `The AI provider went silent for ${this.options.timeoutMs / 1000} s.`,
        true,
      );
    }
    const toolCalls = [...calls.entries()].sort(([a], [b]) => a - b)
      .map(([i, c]) => ({ ...c, id: c.id || `call_${i}` }));
    return { content, toolCalls, usage };
  }
}
