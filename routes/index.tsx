import { ActivitySlot } from "../components/ActivitySlot.tsx";
import { CtaBand } from "../components/CtaBand.tsx";
import { DemoSlot } from "../components/DemoSlot.tsx";
import { Icon } from "../components/Icon.tsx";
import type { Meta, RouteConfig } from "../lib/framework/mod.ts";
import { siteConfig } from "../lib/site_config.ts";
import { solutionBySlug, solutions } from "../lib/solutions.ts";

/** Home page metadata. */
export const meta: Meta = {
  title: "AI agents you can watch work",
  description:
    "Relay runs AI agents that qualify leads, triage support tickets and answer questions from " +
    "your docs, streamed live, metered and auditable. Try one on this page.",
};

/** The same for every visitor: rendered once, served from memory. */
export const config: RouteConfig = { static: true };

const CUSTOMERS = [
  "Northwind Freight",
  "Brightline Health",
  "Kestrel Analytics",
  "Fernhill Software",
  "Oakridge Mutual",
];

/** The home page. */
export default function Home() {
  return (
    <main>
      <section class="hero" aria-labelledby="hero-title">
        <div class="wrap hero-grid">
          <div>
            <p class="eyebrow">AI agents for sales, support and knowledge</p>
            <h1 id="hero-title">{siteConfig.tagline}</h1>
            <p class="lead">
              Relay agents qualify leads, triage tickets and answer questions from your docs. Every
              run streams to your screen token by token, shows each tool it calls, and is metered
              and recorded, so you can trust what they do.
            </p>
            <div class="actions">
              <a class="button" href="#try-it">Try an agent now</a>
              <a class="button secondary" href="/pricing">See pricing</a>
            </div>
          </div>
          <dl class="stats card">
            <div>
              <dt>Median time to first token</dt>
              <dd>0.4 s</dd>
            </div>
            <div>
              <dt>Tickets triaged last month</dt>
              <dd>1.2M</dd>
            </div>
            <div>
              <dt>Runs with a full audit trail</dt>
              <dd>100%</dd>
            </div>
          </dl>
        </div>
      </section>

      <ActivitySlot />

      <section class="section" aria-labelledby="agents-title">
        <div class="wrap">
          <div class="section-head">
            <p class="eyebrow">What the agents do</p>
            <h2 id="agents-title">Three agents, one platform you can observe</h2>
            <p class="lead">
              Each agent has a clear job, a validated input, the tools it may use and a behaviour
              that works even without a model key.
            </p>
          </div>
          <div class="grid">
            {solutions.map((s) => (
              <article class="card link-card" key={s.slug} aria-labelledby={`agent-${s.slug}`}>
                <Icon name={s.slug} />
                <h3 id={`agent-${s.slug}`}>{s.name}</h3>
                <p>{s.summary}</p>
                <a href={`/solutions/${s.slug}`}>
                  How the {s.name.toLowerCase()} works
                </a>
              </article>
            ))}
          </div>
        </div>
      </section>

      <DemoSlot
        title="Ask the knowledge agent about Relay"
        intro="Pick an agent and give it a real input. Anonymous visitors get a few free runs a day; nothing you type is used to train models."
        sample={solutionBySlug("knowledge").sample}
      />

      <section class="section alt" aria-labelledby="how-title">
        <div class="wrap hero-grid">
          <div>
            <p class="eyebrow">How a run works</p>
            <h2 id="how-title">From click to answer, nothing hidden</h2>
            <ol class="steps">
              <li>Your request is validated, rate limited and checked against your quota first.</li>
              <li>A queue worker runs the agent; tokens and tool calls stream to every viewer.</li>
              <li>
                Usage, cost and the final answer are recorded; the run shows on the dashboard.
              </li>
            </ol>
          </div>
          <div class="grid">
            <div class="card">
              <Icon name="stream" />
              <h3>Resumable streams</h3>
              <p>Reload mid-run and the stream picks up where it left off, on any server.</p>
            </div>
            <div class="card">
              <Icon name="shield" />
              <h3>Limits before spend</h3>
              <p>Token and cost ceilings are checked before a model is called, never after.</p>
            </div>
          </div>
        </div>
      </section>

      <section class="section" aria-labelledby="proof-title">
        <div class="wrap">
          <div class="section-head">
            <p class="eyebrow">Trusted by teams who measure</p>
            <h2 id="proof-title">Teams run their busiest queues on Relay</h2>
          </div>
          <ul class="logos" aria-label="Customers">
            {CUSTOMERS.map((c) => <li key={c}>{c}</li>)}
          </ul>
          <div class="grid">
            <figure class="card quote">
              <blockquote>
                <p>
                  “Our P1 tickets used to wait behind password resets. Now they page the on-call
                  engineer within a minute, and the draft reply is already there.”
                </p>
              </blockquote>
              <figcaption>Amara Okafor, Head of Support, Northwind Freight</figcaption>
            </figure>
            <figure class="card quote">
              <blockquote>
                <p>
                  “The scoring reasons are what sold my team. Reps argue with the evidence, not with
                  a black box.”
                </p>
              </blockquote>
              <figcaption>Jonas Lindqvist, VP Sales, Kestrel Analytics</figcaption>
            </figure>
            <figure class="card quote">
              <blockquote>
                <p>
                  “We could see every token and every dollar on day one. That made the security
                  review the shortest we have had.”
                </p>
              </blockquote>
              <figcaption>Priya Raman, CTO, Fernhill Software</figcaption>
            </figure>
          </div>
        </div>
      </section>

      <CtaBand />
    </main>
  );
}
