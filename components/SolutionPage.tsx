import type { Solution } from "../lib/solutions.ts";
import { CtaBand } from "./CtaBand.tsx";
import { DemoSlot } from "./DemoSlot.tsx";
import { Icon } from "./Icon.tsx";
import { PageHead } from "./PageHead.tsx";

/** One Solutions page: what the agent does, how, what it returns, and its live demo. */
export function SolutionPage({ solution: s }: { solution: Solution }) {
  return (
    <main>
      <PageHead eyebrow={`${s.name} · ${s.audience}`} title={s.headline} lead={s.summary}>
        <div class="actions">
          <a class="button" href="#try-it">Try the {s.name.toLowerCase()}</a>
          <a class="button secondary" href="/pricing">See pricing</a>
        </div>
      </PageHead>
      <section class="section alt" aria-labelledby="problem-title">
        <div class="wrap hero-grid">
          <div>
            <h2 id="problem-title">The problem</h2>
            <p class="lead">{s.problem}</p>
          </div>
          <div class="card">
            <h3>What you get back</h3>
            <ul class="ticks">
              {s.outputs.map((o) => <li key={o}>{o}</li>)}
            </ul>
          </div>
        </div>
      </section>
      <section class="section" aria-labelledby="capabilities-title">
        <div class="wrap">
          <div class="section-head">
            <Icon name={s.slug} />
            <h2 id="capabilities-title">What the {s.name.toLowerCase()} does</h2>
          </div>
          <div class="grid">
            {s.capabilities.map((c) => (
              <div class="card" key={c.title}>
                <h3>{c.title}</h3>
                <p>{c.text}</p>
              </div>
            ))}
          </div>
        </div>
      </section>
      <section class="section alt" aria-labelledby="how-title">
        <div class="wrap">
          <h2 id="how-title">How it works</h2>
          <ol class="steps">
            {s.steps.map((step) => <li key={step}>{step}</li>)}
          </ol>
          <p>
            Every step streams to the page as it happens and is recorded with its tokens, cost and
            timings. Read the <a href="/docs/runs-api">Runs API</a> to drive the agent{" "}
            <code>{s.agentId}</code> from your own code.
          </p>
        </div>
      </section>
      <DemoSlot
        agent={s.agentId}
        title={`Run the ${s.name.toLowerCase()} now`}
        intro={s.demoIntro}
      />
      <CtaBand />
    </main>
  );
}
