import { CtaBand } from "../../components/CtaBand.tsx";
import { Icon } from "../../components/Icon.tsx";
import { PageHead } from "../../components/PageHead.tsx";
import type { Meta, RouteConfig } from "../../lib/framework/mod.ts";
import { solutions } from "../../lib/solutions.ts";

/** Solutions index metadata. */
export const meta: Meta = {
  title: "Solutions",
  description:
    "AI agents for lead qualification, support ticket triage and docs Q&A, each with a live " +
    "demo, clear outputs and a full record of every run.",
};

/** The same for every visitor. */
export const config: RouteConfig = { static: true };

/** The Solutions index: one card per agent. */
export default function Solutions() {
  return (
    <main>
      <PageHead
        eyebrow="Solutions"
        title="An agent for each queue that slows your team down"
        lead="Pick the job: qualify inbound leads, triage support tickets or answer questions from your docs. Each agent runs live on its page, so you can judge it on real input before you sign up."
      />
      <section class="section" aria-labelledby="list-title">
        <div class="wrap">
          <h2 id="list-title" class="visually-hidden">The agents</h2>
          <div class="grid">
            {solutions.map((s) => (
              <article class="card link-card" key={s.slug} aria-labelledby={`sol-${s.slug}`}>
                <Icon name={s.slug} />
                <p class="eyebrow">{s.audience}</p>
                <h3 id={`sol-${s.slug}`}>{s.name}</h3>
                <p>{s.summary}</p>
                <ul class="ticks">
                  {s.outputs.map((o) => <li key={o}>{o}</li>)}
                </ul>
                <a class="button secondary" href={`/solutions/${s.slug}`}>
                  Explore the {s.name.toLowerCase()}
                </a>
              </article>
            ))}
          </div>
        </div>
      </section>
      <section class="section alt" aria-labelledby="common-title">
        <div class="wrap">
          <h2 id="common-title">What every agent shares</h2>
          <div class="grid">
            <div class="card">
              <h3>Validated inputs</h3>
              <p>
                Each agent declares its input as a schema; bad input gets a clear error before any
                model is called.
              </p>
            </div>
            <div class="card">
              <h3>Streaming you can resume</h3>
              <p>
                Tokens and tool calls stream over Server-Sent Events and replay after a reconnect,
                with nothing lost or repeated.
              </p>
            </div>
            <div class="card">
              <h3>Any model, or none</h3>
              <p>
                Use any OpenAI-compatible provider, or the built-in offline engine that does real
                retrieval and scoring without a key.
              </p>
            </div>
          </div>
        </div>
      </section>
      <CtaBand />
    </main>
  );
}
