import type { DemoStep as Step } from "../../lib/live_demo/types.ts";

/** One tool call of a live run: its arguments, a spinner while it runs, its result to expand. */
export function DemoStep({ step }: { step: Step }) {
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
