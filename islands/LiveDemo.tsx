import { useEffect, useRef, useState } from "preact/hooks";
import { DemoInputs } from "../components/live_demo/DemoInputs.tsx";
import { DemoOutput } from "../components/live_demo/DemoOutput.tsx";
import { RecordedRun } from "../components/live_demo/RecordedRun.tsx";
import {
  loadRun,
  MAX_UPLOAD_BYTES,
  type Problem,
  problemOf,
  readUpload,
  saveRun,
  type Upload,
} from "../lib/live_demo/browser_run.ts";
import { applyRunEvent, EMPTY_RUN, isFinished, type RunView } from "../lib/live_demo/run_state.ts";
import { statusText } from "../lib/live_demo/status_text.ts";
import { followRun, type StreamState } from "../lib/live_demo/stream.ts";
import { traceHeaders } from "../lib/telemetry/page_trace.ts";
import type { DemoAgent, DemoField, RecordedRun as Recorded } from "../lib/live_demo/types.ts";

/** Props of the live demo. */
export interface LiveDemoProps {
  /** The agents offered (one on a Solutions page, all on Home). */
  agents: DemoAgent[];
  /** Each agent's recorded example (by agent id), shown until a live run starts. */
  recorded?: Record<string, Recorded>;
}

const JSON_ACCEPT = { accept: "application/json" };

/** The live demo: pick an input, run the agent, watch tokens and tool calls stream in. */
export default function LiveDemo({ agents, recorded }: LiveDemoProps) {
  const [agentId, setAgentId] = useState(agents[0].id);
  const agent = agents.find((a) => a.id === agentId) ?? agents[0];
  const [values, setValues] = useState<Record<string, string>>({
    ...(agents[0].samples[0]?.input ?? {}),
  });
  const [sample, setSample] = useState(agents[0].samples.length ? 0 : -1);
  const [upload, setUpload] = useState<Upload | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [hydrated, setHydrated] = useState(false);
  const [starting, setStarting] = useState(false);
  const [runId, setRunId] = useState<string | null>(null);
  const [view, setView] = useState<RunView>(EMPTY_RUN);
  const viewRef = useRef(EMPTY_RUN);
  const [conn, setConn] = useState<StreamState>("closed");
  const [problem, setProblem] = useState<Problem | null>(null);
  const [startedAt, setStartedAt] = useState(0);
  const [endedAt, setEndedAt] = useState<number | null>(null);
  const [now, setNow] = useState(0);
  const [providerName, setProviderName] = useState<string | null>(null);
  const stopRef = useRef<(() => void) | null>(null);

  const follow = (id: string, startAt: number) => {
    stopRef.current?.();
    setRunId(id);
    setStartedAt(startAt);
    setEndedAt(null);
    setView(viewRef.current = EMPTY_RUN);
    stopRef.current = followRun(`/api/runs/${id}/stream`, 0, {
      onEvent: (seq, type, data) => {
        const next = viewRef.current = applyRunEvent(viewRef.current, seq, type, data);
        setView(next);
        if (isFinished(next)) {
          setEndedAt(Date.now());
          saveRun(null);
        }
      },
      onState: setConn,
    });
  };

  useEffect(() => {
    setHydrated(true);
    fetch("/api/agents", { headers: JSON_ACCEPT })
      .then((res) => res.ok ? res.json() : null)
      .then((body: { agents?: { providerLabel: string }[] } | null) => {
        if (body?.agents?.[0]) setProviderName(body.agents[0].providerLabel);
      })
      .catch(() => {});
    const saved = loadRun();
    if (saved && agents.some((a) => a.id === saved.agent)) {
      setAgentId(saved.agent);
      fetch(`/api/runs/${saved.runId}`, { headers: JSON_ACCEPT })
        .then((res) => {
          if (res.ok) follow(saved.runId, saved.startedAt);
          else saveRun(null);
        })
        .catch(() => follow(saved.runId, saved.startedAt));
    }
    return () => stopRef.current?.();
  }, []);

  const running = runId !== null && !isFinished(view);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(timer);
  }, [running]);

  const start = async () => {
    if (starting || running) return;
    setProblem(null);
    setStarting(true);
    const input = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ""));
    try {
      const res = await fetch("/api/runs", {
        method: "POST",
        headers: { "content-type": "application/json", ...JSON_ACCEPT, ...traceHeaders() },
        body: JSON.stringify({
          agent: agentId,
          input: upload ? { ...input, document: upload } : input,
        }),
      });
      if (res.status !== 202) {
        setProblem(await problemOf(res));
        return;
      }
      const { runId: id } = await res.json() as { runId: string };
      const at = Date.now();
      saveRun({ runId: id, agent: agentId, startedAt: at });
      follow(id, at);
    } catch {
      setProblem({
        code: "network",
        message: "Could not reach the server. Check your connection.",
      });
    } finally {
      setStarting(false);
    }
  };

  const cancel = async () => {
    if (!runId) return;
    await fetch(`/api/runs/${runId}/cancel`, { method: "POST", headers: JSON_ACCEPT })
      .catch(() => {});
  };

  const pick = (a: DemoAgent, index: number) => {
    setSample(index);
    setValues({ ...(a.samples[index]?.input ?? {}) });
    setUpload(null);
    if (fileInput.current) fileInput.current.value = "";
  };

  const edit = (f: DemoField, value: string) => {
    const from = agent.samples[sample]?.input ?? {};
    const kept = Object.entries(values).filter(([k, v]) =>
      agent.fields.some((x) => x.name === k) && !(f.multiline && k !== f.name && from[k] === v)
    );
    setSample(-1);
    setValues({ ...Object.fromEntries(kept), [f.name]: value });
  };

  const attach = async (e: Event) => {
    const el = e.target as HTMLInputElement;
    const file = el.files?.[0];
    setProblem(null);
    setUpload(null);
    if (file && file.size > MAX_UPLOAD_BYTES) {
      el.value = "";
      setProblem({ code: "document_too_large", message: "The document must be at most 2 MB." });
    } else if (file) setUpload(await readUpload(file));
  };

  const quota = problem?.code === "quota_exceeded";
  const elapsed = runId ? (endedAt ?? Math.max(now, startedAt)) - startedAt : 0;
  const busy = starting || running;

  return (
    <div class="live-demo" data-status={runId ? view.status : "idle"}>
      <div class="slot-head">
        <h3>Live demo</h3>
        <span class="badge live" data-provider>
          {view.providerLabel ?? providerName ?? "live agent"}
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
          <DemoInputs
            agents={agents}
            agent={agent}
            values={values}
            sample={sample}
            hasUpload={upload !== null}
            busy={busy}
            idPrefix={`live-demo-${agents.map((a) => a.id).join("-")}`}
            fileInput={fileInput}
            onChoose={(id) => {
              setAgentId(id);
              pick(agents.find((x) => x.id === id)!, 0);
            }}
            onPick={(index) => pick(agent, index)}
            onEdit={edit}
            onAttach={attach}
          />
          <div class="demo-actions">
            <button type="submit" class="button primary" disabled={!hydrated || busy}>
              {starting ? "Starting…" : "Run agent"}
            </button>
            {running && (
              <button type="button" class="button secondary" onClick={cancel}>Cancel</button>
            )}
            {!hydrated && <span class="muted">The live demo needs JavaScript.</span>}
          </div>
        </form>

        <p class="demo-status" role="status" aria-live="polite">
          {statusText({ starting, hasRun: runId !== null, view, conn })}
        </p>

        {problem && (
          <div class={quota ? "demo-problem quota" : "demo-problem"} role="alert">
            <p>
              {quota ? <strong>Demo quota used up.</strong> : <strong>Could not start.</strong>}
              {" " + problem.message}
            </p>
            {quota
              ? <a class="button secondary" href="/signin">Sign in for more runs</a>
              : <button type="button" class="button secondary" onClick={start}>Try again</button>}
          </div>
        )}
        {view.status === "failed" && (
          <div class="demo-problem" role="alert">
            <p>
              <strong>The run failed.</strong> {view.error}
            </p>
            <button type="button" class="button secondary" onClick={start}>Retry</button>
          </div>
        )}

        {runId
          ? (
            <DemoOutput
              view={view}
              running={running}
              elapsedMs={elapsed}
              providerName={providerName}
            />
          )
          : recorded?.[agent.id] && <RecordedRun run={recorded[agent.id]} agent={agent} />}
      </div>
    </div>
  );
}
