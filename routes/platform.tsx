import { CtaBand } from "../components/CtaBand.tsx";
import { Icon } from "../components/Icon.tsx";
import { PageHead } from "../components/PageHead.tsx";
import type { Meta, RouteConfig } from "../lib/framework/mod.ts";

/** Platform metadata. */
export const meta: Meta = {
  title: "Platform",
  description:
    "How Relay works: queued agent runs with resumable streams, Deno KV and PostgreSQL, strict security controls, integrations and built-in observability.",
};

/** The same for every visitor. */
export const config: RouteConfig = { static: true };

const SECURITY = [
  {
    title: "Strict content security policy",
    text:
      "No inline scripts or styles, nothing loaded from other origins except hCaptcha's hosts when it is enabled, no framing, forms post only to Relay. Violations are reported and logged.",
  },
  {
    title: "CSRF and origin checks",
    text:
      "Every state-changing request, form or JSON, must come from the site's own origin; request bodies are limited by size and type. Session cookies are HttpOnly, SameSite and, in production, Secure __Host- cookies (plain only on http://localhost in development).",
  },
  {
    title: "Rate limits and quotas before spend",
    text:
      "Limits are counted atomically in Deno KV, so they hold across servers and restarts. Token and cost quotas are checked before a model is called.",
  },
  {
    title: "Untrusted content stays data",
    text:
      "Uploads are checked by size and real file type; archives and compressed files are refused, the EICAR test file is always refused, and files are scanned by ClamAV when CLAMAV_URL is set. Text is quoted to the model as data, with injection markers flagged. Agents have no tool that fetches web pages.",
  },
  {
    title: "Rotatable secrets",
    text:
      "Signing keys are lists, newest first: rotate without logging anyone out. Secrets come from the environment or mounted files and never reach a log line.",
  },
  {
    title: "Tamper-evident audit log",
    text:
      "Sign-ins, role changes, exports and quota denials are written to an append-only log where each entry carries the hash of the one before.",
  },
];

const INTEGRATIONS = [
  ["Model providers", "OpenAI, Azure OpenAI, Ollama, vLLM or any OpenAI-compatible API"],
  ["Single sign-on", "Any OpenID Connect provider, plus email magic links"],
  ["Notifications", "Slack-compatible webhooks and signed outgoing webhooks with retries"],
  ["Data", "PostgreSQL for records, Deno KV for hot state, CSV exports"],
  ["Telemetry", "OpenTelemetry traces and metrics, Prometheus scraping"],
  ["Hosting", "Deno Deploy, or containers with a shared KV Connect server"],
];

/** The Platform page: architecture, security and compliance, integrations, observability. */
export default function Platform() {
  return (
    <main>
      <PageHead
        eyebrow="Platform"
        title="Built to be watched, measured and trusted"
        lead="Relay is a small number of well-understood parts: a web server that renders pages and streams events, a queue that runs agents, Deno KV for fast shared state and PostgreSQL as the system of record."
      />

      <section class="section alt" aria-labelledby="arch-title">
        <div class="wrap hero-grid">
          <div>
            <p class="eyebrow">Architecture</p>
            <h2 id="arch-title">One request, from click to recorded answer</h2>
            <ol class="steps">
              <li>
                The request gets an id and a trace context, then passes security headers, rate
                limits, the session and CSRF checks.
              </li>
              <li>
                Starting a run validates the input, checks the quota and enqueues a job in Deno KV.
                The answer comes back at once with a stream URL.
              </li>
              <li>
                A queue worker runs the agent. Every token and tool call is appended to a gapless
                event log in KV and fanned out to viewers on every server.
              </li>
              <li>
                The final record, usage and cost go to PostgreSQL; writes that must not be lost pass
                through an outbox that survives a database outage.
              </li>
            </ol>
          </div>
          <div class="grid">
            <div class="card">
              <Icon name="stream" />
              <h3>Streams that resume</h3>
              <p>
                Server-Sent Events with replay by{" "}
                <code>Last-Event-ID</code>: a reload or a server restart never loses or repeats a
                token.
              </p>
            </div>
            <div class="card">
              <Icon name="gauge" />
              <h3>Fast pages</h3>
              <p>
                Pages render on the server; only interactive islands ship JavaScript. Pages that are
                the same for everyone are served from memory.
              </p>
            </div>
          </div>
        </div>
      </section>

      <section class="section" aria-labelledby="security-title">
        <div class="wrap">
          <div class="section-head">
            <Icon name="shield" />
            <h2 id="security-title">Security and compliance</h2>
            <p class="lead">
              Controls that are enforced in code and covered by tests, not promised in a PDF.
            </p>
          </div>
          <div class="grid">
            {SECURITY.map((s) => (
              <div class="card" key={s.title}>
                <h3>{s.title}</h3>
                <p>{s.text}</p>
              </div>
            ))}
          </div>
          <p>
            Privacy by default: no analytics without consent, and Global Privacy Control and Do Not
            Track are honoured as a refusal. Data is kept for your plan's retention period, then
            deleted; exports and deletion requests are one click away. Read the{" "}
            <a href="/privacy">privacy policy</a>.
          </p>
        </div>
      </section>

      <section class="section alt" aria-labelledby="integrations-title">
        <div class="wrap">
          <div class="section-head">
            <Icon name="plug" />
            <h2 id="integrations-title">Integrations</h2>
          </div>
          <div class="table-scroll" tabindex={0} role="region" aria-label="Integrations table">
            <table>
              <caption class="visually-hidden">What Relay connects to</caption>
              <tbody>
                {INTEGRATIONS.map(([k, v]) => (
                  <tr key={k}>
                    <th scope="row">{k}</th>
                    <td>{v}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </section>

      <section class="section" aria-labelledby="obs-title">
        <div class="wrap">
          <div class="section-head">
            <Icon name="eye" />
            <h2 id="obs-title">Observability</h2>
            <p class="lead">
              Every request, queue job, model call and database query can be followed end to end.
            </p>
          </div>
          <div class="grid">
            <div class="card">
              <h3>Traces</h3>
              <p>
                OpenTelemetry spans for routes, queue jobs, model calls (with token usage and cost)
                and queries; a run's job joins the trace of the request that started it.
              </p>
            </div>
            <div class="card">
              <h3>Metrics</h3>
              <p>
                Prometheus metrics for latency by route, open streams, queue depth and age, model
                latency, tokens, cost and errors, and limit denials.
              </p>
            </div>
            <div class="card">
              <h3>Logs</h3>
              <p>
                JSON lines with request, trace and workspace ids, never secrets or personal data.
                Every error page shows the request id to quote to support.
              </p>
            </div>
            <div class="card">
              <h3>Health and SLOs</h3>
              <p>
                Liveness and readiness probes, service-level objectives with burn-rate alerts, and a
                runbook for every alert. See the <a href="/docs/operations">operations runbook</a>.
              </p>
            </div>
          </div>
        </div>
      </section>
      <CtaBand
        title="Review the platform with an engineer"
        lead="We will walk your security team through the architecture, the controls and the tests that prove them."
      />
    </main>
  );
}
