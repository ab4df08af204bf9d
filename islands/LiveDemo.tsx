import { useComputed, useSignal, useSignalEffect } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { formatCost, formatElapsed } from "../lib/live_demo/format.ts";
import { applyRunEvent, EMPTY_RUN, isFinished, type RunView } from "../lib/live_demo/run_state.ts";
import { followRun, type StreamState } from "../lib/live_demo/stream.ts";
import { linkParts } from "../lib/live_demo/text.ts";
import { traceHeaders } from "../lib/telemetry/browser.ts";
import type { DemoAgent, RecordedRun } from "../lib/live_demo/types.ts";

/** Props of the live demo. */
export interface LiveDemoProps {
  /** The agents offered (one on a Solutions page, all on Home). */
  agents: DemoAgent[];
  /** Each agent's recorded example (by agent id), shown until a live run starts. */
  recorded?: Record<string, RecordedRun>;
}

interface Problem {
  code: string;
  message: string;
}

interface SavedRun {
  runId: string;
  agent: string;
  startedAt: number;
}

const STORAGE_KEY = "relay.liveDemo";

function storageKey(): string {
  return `${STORAGE_KEY}:${location.pathname}`;
}

function saveRun(saved: SavedRun | null) {
  try {
    if (saved) sessionStorage.setItem(storageKey(), JSON.stringify(saved));
    else sessionStorage.removeItem(storageKey());
  } catch { /* storage disabled: a reload starts fresh */ }
}

function loadRun(): SavedRun | null {
  try {
    const raw = sessionStorage.getItem(storageKey());
    return raw ? JSON.parse(raw) as SavedRun : null;
  } catch {
    return null;
  }
}

async function problemOf(res: Response): Promise<Problem> {
  const body = await res.json().catch(() => null) as { error?: Problem } | null;
  return body?.error ?? { code: "http_" + res.status, message: "The demo is unavailable." };
}

/** The live demo: pick an input, run the agent, watch tokens and tool calls stream in. */
export default function LiveDemo({ agents, recorded }: LiveDemoProps) {
  const agentId = useSignal(agents[0].id);
  const agent = useComputed(() => agents.find((a) => a.id === agentId.value) ?? agents[0]);
  const values = useSignal<Record<string, string>>({ ...(agents[0].samples[0]?.input ?? {}) });
  const hydrated = useSignal(false);
  const starting = useSignal(false);
  const runId = useSignal<string | null>(null);
  const view = useSignal<RunView>(EMPTY_RUN);
  const conn = useSignal<StreamState>("closed");
  const problem = useSignal<Problem | null>(null);
  const startedAt = useSignal(0);
  const endedAt = useSignal<number | null>(null);
  const now = useSignal(0);
  const providerName = useSignal<string | null>(null);
  const stopRef = useRef<(() => void) | null>(null);

  const follow = (id: string, startAt: number) => {
    stopRef.current?.();
    runId.value = id;
    startedAt.value = startAt;
    endedAt.value = null;
    view.value = EMPTY_RUN;
    stopRef.current = followRun(`/api/runs/${id}/stream`, 0, {
      onEvent: (seq, type, data) => {
        view.value = applyRunEvent(view.value, seq, type, data);
        if (isFinished(view.value)) {
          endedAt.value = Date.now();
          saveRun(null);
        }
      },
      onState: (s) => (conn.value = s),
    });
  };

  useEffect(() => {
    hydrated.value = true;
    fetch("/api/agents", { headers: { accept: "application/json" } })
      .then((res) => res.ok ? res.json() : null)
      .then((body: { agents?: { providerLabel: string }[] } | null) => {
        if (body?.agents?.[0]) providerName.value = body.agents[0].providerLabel;
      })
      .catch(() => {});
    const saved = loadRun();
    if (saved && agents.some((a) => a.id === saved.agent)) {
      agentId.value = saved.agent;
      fetch(`/api/runs/${saved.runId}`, { headers: { accept: "application/json" } })
        .then((res) => {
          if (res.ok) follow(saved.runId, saved.startedAt);
          else saveRun(null);
        })
        .catch(() => follow(saved.runId, saved.startedAt));
    }
    return () => stopRef.current?.();
  }, []);

  const running = useComputed(() => runId.value !== null && !isFinished(view.value));
  useSignalEffect(() => {
    if (!running.value) return;
    const timer = setInterval(() => (now.value = Date.now()), 100);
    return () => clearInterval(timer);
  });

  const start = async () => {
    if (starting.value || running.value) return;
    problem.value = null;
    starting.value = true;
    const input = Object.fromEntries(
      Object.entries(values.value).filter(([, v]) => v.trim() !== ""),
    );
    try {
      const res = await fetch("/api/runs", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json",
          ...traceHeaders(),
        },
        body: JSON.stringify({ agent: agentId.value, input }),
      });
      if (res.status !== 202) {
        problem.value = await problemOf(res);
        return;
      }
      const { runId: id } = await res.json() as { runId: string };
      const at = Date.now();
      saveRun({ runId: id, agent: agentId.value, startedAt: at });
      follow(id, at);
    } catch {
      problem.value = {
        code: "network",
        message: "Could not reach the server. Check your connection.",
      };
    } finally {
      starting.value = false;
    }
  };

  const cancel = async () => {
    if (!runId.value) return;
    await fetch(`/api/runs/${runId.value}/cancel`, {
      method: "POST",
      headers: { accept: "application/json" },
    }).catch(() => {});
  };

  const choose = (id: string) => {
    agentId.value = id;
    const a = agents.find((x) => x.id === id)!;
    values.value = { ...(a.samples[0]?.input ?? {}) };
  };

  const v = view.value;
  const quota = problem.value?.code === "quota_exceeded";
  const elapsed = runId.value
    ? (endedAt.value ?? Math.max(now.value, startedAt.value)) - startedAt.value
    : 0;
  const status = starting.value
    ? "Starting…"
    : !runId.value
    ? "Ready."
    : v.status === "succeeded"
    ? "Done."
    : v.status === "failed"
    ? "The run failed."
    : v.status === "cancelled"
    ? "Cancelled."
    : conn.value === "reconnecting"
    ? "Connection lost, reconnecting…"
    : v.status === "retrying"
    ? v.notice ?? "Retrying…"
    : v.seq === 0
    ? "Waiting for a worker…"
    : "Running…";
  const busy = starting.value || running.value;
  const id = `live-demo-${agents.map((a) => a.id).join("-")}`;

  return (
    <div class="live-demo" data-status={runId.value ? v.status : "idle"}>
      <div class="slot-head">
        <h3>Live demo</h3>
        <span class="badge live" data-provider>
          {v.providerLabel ?? providerName.value ?? "live agent"}
        </span>
      </div>
      <div class="slot-body">
        <form
          class="demo-form"
          onSubmit={(e) => {
            e.preventDefault();
            start();
          }}
        >
          {agents.length > 1 && (
            <label class="field">
              <span>Agent</span>
              <select
                value={agentId.value}
                disabled={busy}
                onChange={(e) => choose((e.target as HTMLSelectElement).value)}
              >
                {agents.map((a) => <option key={a.id} value={a.id}>{a.title}</option>)}
              </select>
            </label>
          )}
          {agent.value.samples.length > 0 && (
            <div class="demo-samples" role="group" aria-label="Example inputs">
              {agent.value.samples.map((s) => (
                <button
                  key={s.label}
                  type="button"
                  class="chip secondary"
                  disabled={busy}
                  onClick={() => (values.value = { ...s.input })}
                >
                  {s.label}
                </button>
              ))}
            </div>
          )}
          {agent.value.fields.map((f) => {
            const common = {
              id: `${id}-${f.name}`,
              name: f.name,
              required: f.required,
              placeholder: f.placeholder,
              value: values.value[f.name] ?? "",
              onInput: (e: Event) => (values.value = {
                ...values.value,
                [f.name]: (e.target as HTMLInputElement).value,
              }),
            };
            return (
              <div class="field" key={`${agent.value.id}-${f.name}`}>
                <label for={common.id}>{f.label}</label>
                {f.multiline
                  ? <textarea rows={5} {...common} />
                  : <input type="text" {...common} />}
              </div>
            );
          })}
          <div class="demo-actions">
            <button type="submit" class="button primary" disabled={!hydrated.value || busy}>
              {starting.value ? "Starting…" : "Run agent"}
            </button>
            {running.value && (
              <button type="button" class="button secondary" onClick={cancel}>Cancel</button>
            )}
            {!hydrated.value && <span class="muted">The live demo needs JavaScript.</span>}
          </div>
        </form>

        <p class="demo-status" role="status" aria-live="polite">{status}</p>

        {problem.value && (
          <div class={quota ? "demo-problem quota" : "demo-problem"} role="alert">
            <p>
              {quota ? <strong>Demo quota used up.</strong> : <strong>Could not start.</strong>}
              {" " + problem.value.message}
            </p>
            {quota
              ? <a class="button secondary" href="/signin">Sign in for more runs</a>
              : <button type="button" class="button secondary" onClick={start}>Try again</button>}
          </div>
        )}
        {v.status === "failed" && (
          <div class="demo-problem" role="alert">
            <p>
              <strong>The run failed.</strong> {v.error}
            </p>
            <button type="button" class="button secondary" onClick={start}>Retry</button>
          </div>
        )}

        {runId.value
          ? (
            <>
              {v.steps.length > 0 && (
                <ol class="demo-steps" aria-label="Tool calls">
                  {v.steps.map((s) => (
                    <li key={s.id} data-state={s.status}>
                      <code>{s.name}</code> <span>{s.summary}</span>
                    </li>
                  ))}
                </ol>
              )}
              <div class="demo-output" aria-label="Answer" aria-busy={running.value}>
                {linkParts(v.text).map((p, i) =>
                  p.href ? <a key={i} href={p.href}>{p.text}</a> : <span key={i}>{p.text}</span>
                )}
              </div>
              <dl class="demo-meter">
                <div>
                  <dt>Elapsed</dt>
                  <dd data-elapsed>{formatElapsed(elapsed)}</dd>
                </div>
                <div>
                  <dt>Tokens</dt>
                  <dd data-tokens>{v.tokensIn} in · {v.tokensOut} out</dd>
                </div>
                <div>
                  <dt>Cost</dt>
                  <dd data-cost>{formatCost(v.costUsd)}</dd>
                </div>
                <div>
                  <dt>Provider</dt>
                  <dd>{v.providerLabel ?? providerName.value ?? "…"}</dd>
                </div>
              </dl>
            </>
          )
          : recorded?.[agent.value.id] && (
            <Recorded run={recorded[agent.value.id]} agent={agent.value} />
          )}
      </div>
    </div>
  );
}

/** A recorded run: what the agent did with one of its samples, replayed from its transcript. */
function Recorded({ run, agent }: { run: RecordedRun; agent: DemoAgent }) {
  return (
    <section class="demo-recorded" aria-label="Recorded example">
      <p class="eyebrow">Recorded example: {run.label}</p>
      <dl class="transcript">
        {Object.entries(run.input).map(([k, v]) => (
          <div key={k}>
            <dt>{agent.fields.find((f) => f.name === k)?.label ?? k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <ol class="recorded-steps" aria-label="Tool calls">
        {run.steps.map((s, i) => (
          <li key={i} data-state={s.status}>
            <code>{s.name}</code> <span>{s.summary}</span>
          </li>
        ))}
      </ol>
      <div class="recorded-output" tabindex={0}>
        {linkParts(run.output).map((p, i) =>
          p.href ? <a key={i} href={p.href}>{p.text}</a> : <span key={i}>{p.text}</span>
        )}
      </div>
      <p class="muted">
        Recorded with the {run.providerLabel}: {run.tokensIn} tokens in · {run.tokensOut} out.
      </p>
    </section>
  );
}
