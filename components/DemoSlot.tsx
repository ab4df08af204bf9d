import LiveDemo from "../islands/LiveDemo.tsx";
import { demoAgents } from "../lib/agents/demo_options.ts";
import { recordedExamples } from "../lib/examples/recorded.ts";

/** Props of the "try it" section. */
export interface DemoSlotProps {
  /** Agent id the demo runs (undefined on Home: the visitor picks). */
  agent?: string;
  title: string;
  intro: string;
}

/**
 * The "try it" section on Home and each Solutions page, `#try-it`. The element `#live-demo`
 * hosts the `LiveDemo` island (the page's agent, or every agent on Home), which shows the
 * agent's recorded example (content/examples/) until the visitor starts a live run.
 */
export function DemoSlot({ agent, title, intro }: DemoSlotProps) {
  const agents = demoAgents().filter((a) => !agent || a.id === agent);
  return (
    <section id="try-it" class="section" aria-labelledby="try-it-title">
      <div class="wrap">
        <div class="section-head">
          <p class="eyebrow">Try it</p>
          <h2 id="try-it-title">{title}</h2>
          <p class="lead">{intro}</p>
        </div>
        <div id="live-demo" class="demo-slot" data-agent={agent}>
          <LiveDemo agents={agents} recorded={recordedExamples(agents.map((a) => a.id))} />
        </div>
      </div>
    </section>
  );
}
