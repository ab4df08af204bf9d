import { type Solution, solutionPage as copy } from "../lib/solutions.ts";
import { CtaBand } from "./CtaBand.tsx";
import { DemoSlot } from "./DemoSlot.tsx";
import { Icon } from "./Icon.tsx";
import { PageHead } from "./PageHead.tsx";

/** One Solutions page: what the agent does, how, what it returns, and its live demo. */
export function SolutionPage({ solution: s }: { solution: Solution }) {
  const named = (text: string) => text.replace("{agent}", s.name.toLowerCase());
  return (
    <main>
      <PageHead eyebrow={`${s.name} · ${s.audience}`} title={s.headline} lead={s.summary}>
        <div class="actions">
          <a class="button" href="#try-it">{named(copy.tryLabel)}</a>
          <a class="button secondary" href={copy.pricing.href}>{copy.pricing.label}</a>
        </div>
      </PageHead>
      <section class="section alt" aria-labelledby="problem-title">
        <div class="wrap hero-grid">
          <div>
            <h2 id="problem-title">{copy.problemTitle}</h2>
            <p class="lead">{s.problem}</p>
          </div>
          <div class="card">
            <h3>{copy.outputsTitle}</h3>
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
            <h2 id="capabilities-title">{named(copy.capabilitiesTitle)}</h2>
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
          <h2 id="how-title">{copy.howTitle}</h2>
          <ol class="steps">
            {s.steps.map((step) => <li key={step}>{step}</li>)}
          </ol>
          <p>
            {copy.howNote} <a href={copy.runsApi.href}>{copy.runsApi.label}</a>: agent{" "}
            <code>{s.agentId}</code>.
          </p>
        </div>
      </section>
      <DemoSlot agent={s.agentId} title={named(copy.demoTitle)} intro={s.demoIntro} />
      <CtaBand />
    </main>
  );
}
