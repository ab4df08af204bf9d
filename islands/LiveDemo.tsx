import { useComputed, useSignal, useSignalEffect } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { formatCost, formatElapsed } from "../lib/live_demo/format.ts";
import { applyRunEvent, EMPTY_RUN, isFinished, type RunView } from "../lib/live_demo/run_state.ts";
import { followRun, type StreamState } from "../lib/live_demo/stream.ts";
import { markdown, settled } from "../lib/live_demo/markdown.ts";
import { traceHeaders } from "../lib/telemetry/page_trace.ts";
import type { DemoAgent, DemoField, DemoStep, RecordedRun } from "../lib/live_demo/types.ts";

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
const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;

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

interface Upload {
  name: string;
  type: string;
  contentBase64: string;
}

async function readUpload(file: File): Promise<Upload> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return { name: file.name, type: file.type, contentBase64: btoa(bin) };
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
  const sample = useSignal(agents[0].samples.length ? 0 : -1);
  const upload = useSignal<Upload | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
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
        body: JSON.stringify({
          agent: agentId.value,
          input: upload.value ? { ...input, document: upload.value } : input,
        }),
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

  const pick = (a: DemoAgent, index: number) => {
    sample.value = index;
    values.value = { ...(a.samples[index]?.input ?? {}) };
    upload.value = null;
    if (fileInput.current) fileInput.current.value = "";
  };

  const choose = (id: string) => {
    agentId.value = id;
    pick(agents.find((x) => x.id === id)!, 0);
  };

  const edit = (f: DemoField, value: string) => {
    const a = agent.value;
    const from = a.samples[sample.value]?.input ?? {};
    const kept = Object.entries(values.value).filter(([k, v]) =>
      a.fields.some((x) => x.name === k) && !(f.multiline && k !== f.name && from[k] === v)
    );
    sample.value = -1;
    values.value = { ...Object.fromEntries(kept), [f.name]: value };
  };

  const attach = async (e: Event) => {
    const el = e.target as HTMLInputElement;
    const file = el.files?.[0];
    problem.value = null;
    upload.value = null;
    if (file && file.size > MAX_UPLOAD_BYTES) {
      el.value = "";
      problem.value = { code: "document_too_large", message: "The document must be at most 2 MB." };
    } else if (file) upload.value = await readUpload(file);
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
    : v.steps.some((s) => s.status === "running")
    ? `Calling ${v.steps.find((s) => s.status === "running")!.name}…`
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
              {[
                ...agent.value.samples.map((s) =>
                  s.label
                ),
                "Custom",
              ].map((label, i, all) => {
                const index = i === all.length - 1 ? -1 : i;
                return (
                  <button
                    key={label}
                    type="button"
                    class="chip secondary"
                    aria-pressed={sample.value === index}
                    disabled={busy}
                    onClick={() => pick(agent.value, index)}
                  >
                    {label}
                  </button>
                );
              })}
            </div>
          )}
          {agent.value.fields.map((f) => {
            const fid = `${id}-${f.name}`;
            const common = {
              id: fid,
              name: f.name,
              required: f.required && !upload.value,
              placeholder: f.placeholder,
              value: values.value[f.name] ?? "",
              onInput: (e: Event) => edit(f, (e.target as HTMLInputElement).value),
            };
            return (
              <div class="field" key={`${agent.value.id}-${f.name}`}>
                <label for={fid}>{f.label}</label>
                {f.kind === "file"
                  ? (
                    <input
                      type="file"
                      id={fid}
                      name={f.name}
                      accept={f.accept}
                      ref={fileInput}
                      disabled={busy}
                      onChange={attach}
                    />
                  )
                  : f.multiline
                  ? <textarea rows={5} {...common} />
                  : <input type={f.kind ?? "text"} maxLength={300} {...common} />}
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
              <div class="demo-output" aria-label="Answer" aria-busy={running.value}>
                {v.parts.map((p, i) =>
                  typeof p === "number"
                    ? <Step key={`s${p}`} step={v.steps[p]} />
                    : (
                      <div key={`t${i}`} class="md">
                        {markdown(settled(p, !running.value || i < v.parts.length - 1))}
                      </div>
                    )
                )}
              </div>
              <dl class="demo-meter">
                <div>
                  <dt>Elapsed</dt>
                  <dd data-elapsed>{formatElapsed(elapsed)}</dd>
                </div>
                <div>
                  <dt>Tokens</dt>
                  <dd data-tokens data-measured={v.measured}>
                    {v.measured ? "" : "≈ "}
                    {v.tokensIn} in · {v.tokensOut} out
                  </dd>
                </div>
                <div>
                  <dt>Cost</dt>
                  <dd data-cost>{(v.measured ? "" : "≈ ") + formatCost(v.costUsd)}</dd>
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
      <div class="recorded-output md" tabindex={0}>{markdown(run.output)}</div>
      <p class="muted">
        Recorded with the {run.providerLabel}: {run.tokensIn} tokens in · {run.tokensOut} out.
      </p>
    </section>
  );
}

/** One tool call: its arguments, a spinner while it runs, and its result to expand. */
function Step({ step }: { step: DemoStep }) {
  const args = JSON.stringify(step.arguments);
  return (
    <div class="demo-step" data-state={step.status}>
      <p class="step-call">
        <span class="step-icon" aria-hidden="true" />
        <code>{step.name}</code>
        <span class="visually-hidden">, {step.status}:</span>{" "}
        <span class="step-args">{args.length > 160 ? args.slice(0, 159) + "…" : args}</span>
      </p>
      {step.status !== "running" && (
        <details>
          <summary>{step.summary}</summary>
          <p>Arguments</p>
          <pre>{JSON.stringify(step.arguments, null, 2)}</pre>
          <p>Result</p>
          <pre>{typeof step.result === "string" ? step.result : JSON.stringify(step.result, null, 2)}</pre>
        </details>
      )}
    </div>
  );
}
