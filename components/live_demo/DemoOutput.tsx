import { formatCost, formatElapsed } from "../../lib/live_demo/format.ts";
import { markdown, settled } from "../../lib/live_demo/markdown.ts";
import type { RunView } from "../../lib/live_demo/run_state.ts";
import { DemoStep } from "./DemoStep.tsx";

/** Props of {@link DemoOutput}. */
export interface DemoOutputProps {
  view: RunView;
  running: boolean;
  elapsedMs: number;
  /** The provider's label before the run names one. */
  providerName: string | null;
}

/** A live run's answer (text and tool calls in order) and its meter: time, tokens, cost. */
export function DemoOutput({ view: v, running, elapsedMs, providerName }: DemoOutputProps) {
  return (
    <>
      <div class="demo-output" aria-label="Answer" aria-busy={running}>
        {v.parts.map((p, i) =>
          typeof p === "number"
            ? <DemoStep key={`s${p}`} step={v.steps[p]} />
            : (
              <div key={`t${i}`} class="md">
                {markdown(settled(p, !running || i < v.parts.length - 1))}
              </div>
            )
        )}
      </div>
      <dl class="demo-meter">
        <div>
          <dt>Elapsed</dt>
          <dd data-elapsed>{formatElapsed(elapsedMs)}</dd>
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
          <dd>{v.providerLabel ?? providerName ?? "…"}</dd>
        </div>
      </dl>
    </>
  );
}
