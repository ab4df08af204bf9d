import { Time } from "../../../../components/auth/Time.tsx";
import RunReplay from "../../../../islands/RunReplay.tsx";
import { TraceLink } from "../../../../components/dashboard/TraceLink.tsx";
import { getRun, type RunDetail } from "../../../../lib/dashboard/runs.ts";
import "../../../../lib/dashboard/state.ts";
import {
  runTimeline,
  timelineDuration,
  type TimelineEntry,
} from "../../../../lib/dashboard/timeline.ts";
import {
  type Handlers,
  HttpError,
  type Meta,
  type PageProps,
} from "../../../../lib/framework/mod.ts";

/** Run page metadata. */
export const meta: Meta = { title: "Run", noindex: true };

interface Data {
  slug: string;
  run: RunDetail;
  timeline: TimelineEntry[];
  traceUrlTemplate?: string;
}

/** One run: its facts, input and output, and its timeline replayed from the event log. */
export const handler: Handlers<Data> = {
  GET: async (ctx) => {
    const auth = ctx.state.dashboard!;
    const { db, kv, settings } = ctx.state.services;
    const run = await getRun(db, ctx.state.dashboardScope!, ctx.params.id);
    if (!run) throw new HttpError(404, "not_found", "There is no such run in this workspace.");
    const timeline = await runTimeline(kv, run.id, run.createdAt.getTime());
    return ctx.render({
      slug: auth.workspace.slug,
      run,
      timeline,
      traceUrlTemplate: settings.traceUrlTemplate,
    });
  },
};

const ms = (a: Date | null, b: Date | null) => a && b ? `${b.getTime() - a.getTime()} ms` : "—";

/** The run page. */
export default function RunPage({ data }: PageProps<Data>) {
  const { run } = data;
  return (
    <main class="dash-main">
      <p>
        <a href={`/dashboard/${data.slug}/runs`}>All runs</a>
      </p>
      <h1>
        Run <code>{run.id}</code>
      </h1>
      <dl class="facts card">
        <dt>Agent</dt>
        <dd>{run.agent}</dd>
        <dt>Status</dt>
        <dd class={run.status === "failed" ? "status-bad" : "status-ok"}>{run.status}</dd>
        {run.error && (
          <>
            <dt>Error</dt>
            <dd>{run.error}</dd>
          </>
        )}
        <dt>Provider</dt>
        <dd>
          {run.provider}
          {run.model ? ` · ${run.model}` : ""}
        </dd>
        <dt>Created</dt>
        <dd>
          <Time at={run.createdAt} />
        </dd>
        <dt>Time to first token</dt>
        <dd>{ms(run.createdAt, run.firstTokenAt)}</dd>
        <dt>Run time</dt>
        <dd>{ms(run.startedAt, run.finishedAt)}</dd>
        <dt>Attempts</dt>
        <dd>{run.attempts}</dd>
        <dt>Tokens</dt>
        <dd>
          {run.tokensIn.toLocaleString("en")} in, {run.tokensOut.toLocaleString("en")} out
        </dd>
        <dt>Cost</dt>
        <dd>${Number(run.costUsd).toFixed(6)}</dd>
        <dt>Trace</dt>
        <dd data-trace>
          <TraceLink traceId={run.traceId} template={data.traceUrlTemplate} />
        </dd>
      </dl>
      <h2>Input</h2>
      <pre class="card">{JSON.stringify(run.input, null, 2)}</pre>
      <h2>Replay</h2>
      {data.timeline.length === 0
        ? (
          <p>
            This run's streamed events are no longer kept (they expire after the run-events
            retention).
          </p>
        )
        : (
          <RunReplay
            entries={data.timeline}
            durationMs={timelineDuration(data.timeline)}
          />
        )}
      <h2>Output</h2>
      <pre class="card">{run.output ?? "—"}</pre>
    </main>
  );
}
