import { markdown } from "../../lib/live_demo/markdown.ts";
import type { DemoAgent, RecordedRun as Run } from "../../lib/live_demo/types.ts";

/** A recorded run: what the agent did with one of its samples, replayed from its transcript. */
export function RecordedRun({ run, agent }: { run: Run; agent: DemoAgent }) {
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
