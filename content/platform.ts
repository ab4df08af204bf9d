/**
 * The Platform page's copy: how a run works, the security controls, integrations and
 * observability. Every line describes code that exists and is tested; keep it that way.
 */

/** Platform page copy. */
export const platform = {
  meta: {
    title: "Platform",
    description:
      "How Relay works: queued agent runs with resumable streams, Deno KV and PostgreSQL, " +
      "strict security controls, integrations and built-in observability.",
  },
  head: {
    eyebrow: "Platform",
    title: "Built to be watched, measured and trusted",
    lead: "Relay is a small number of well-understood parts: a web server that renders pages and " +
      "streams events, a queue that runs agents, Deno KV for fast shared state and PostgreSQL " +
      "as the system of record.",
  },
  architecture: {
    eyebrow: "Architecture",
    title: "One request, from click to recorded answer",
    steps: [
      "The request gets an id and a trace context, then passes security headers, rate limits, " +
      "the session and CSRF checks.",
      "Starting a run validates the input, checks the quota and enqueues a job in Deno KV. The " +
      "answer comes back at once with a stream URL.",
      "A queue worker runs the agent. Every token and tool call is appended to a gapless event " +
      "log in KV and fanned out to viewers on every server.",
      "The final record, usage and cost go to PostgreSQL; writes that must not be lost pass " +
      "through an outbox that survives a database outage.",
    ],
    cards: [
      {
        icon: "stream",
        title: "Streams that resume",
        text: "Server-Sent Events with replay by Last-Event-ID: a reload or a server restart " +
          "never loses or repeats a token.",
      },
      {
        icon: "gauge",
        title: "Fast pages",
        text: "Pages render on the server; only interactive islands ship JavaScript. Pages that " +
          "are the same for everyone are served from memory.",
      },
    ],
  },
  security: {
    title: "Security and compliance",
    lead: "Controls that are enforced in code and covered by tests, not promised in a PDF.",
    controls: [
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
          "Uploads are checked by size and real file type; archives and compressed files are refused, the EICAR test file is always refused, and files are scanned by ClamAV when CLAMAV_URL is set. Text is quoted to the model as data, with injection markers flagged. The one tool that fetches web pages, the lead qualifier's, reads public addresses only (FETCH_ALLOWLIST names exceptions), checks every redirect again, stops at 2 MB and 10 seconds, accepts only HTML and passes it through the same content checks.",
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
    ],
    privacy:
      "Privacy by default: no analytics without consent, and Global Privacy Control and Do Not " +
      "Track are honoured as a refusal. Data is kept for the retention period your workspace " +
      "chooses, then deleted; exports and deletion requests are one click away.",
    privacyLink: { label: "Read the privacy policy", href: "/privacy" },
  },
  integrations: {
    title: "Integrations",
    caption: "What Relay connects to",
    rows: [
      ["Model providers", "OpenAI, Azure OpenAI, Ollama, vLLM or any OpenAI-compatible API"],
      ["Single sign-on", "Any OpenID Connect provider, plus email magic links"],
      ["Notifications", "Slack-compatible webhooks and signed outgoing webhooks with retries"],
      ["Data", "PostgreSQL for records, Deno KV for hot state, CSV exports"],
      ["Telemetry", "OpenTelemetry traces and metrics, Prometheus scraping"],
      ["Hosting", "Deno Deploy, or containers with a shared KV Connect server"],
    ] as [string, string][],
  },
  observability: {
    title: "Observability",
    lead: "Every request, queue job, model call and database query can be followed end to end.",
    cards: [
      {
        title: "Traces",
        text: "OpenTelemetry spans for routes, queue jobs, model calls (with token usage and " +
          "cost) and queries; a run's job joins the trace of the request that started it.",
      },
      {
        title: "Metrics",
        text: "Prometheus metrics for latency by route, open streams, queue depth and age, model " +
          "latency, tokens, cost and errors, and limit denials.",
      },
      {
        title: "Logs",
        text: "JSON lines with request, trace and workspace ids, never secrets or personal data. " +
          "Every error page shows the request id to quote to support.",
      },
      {
        title: "Health and SLOs",
        text: "Liveness and readiness probes, service-level objectives with burn-rate alerts, " +
          "and a runbook for every alert.",
      },
    ],
    runbook: { label: "Read the operations runbook", href: "/docs/operations" },
  },
  cta: {
    title: "Review the platform yourself",
    lead: "The security and operations docs describe every control and the tests that prove it.",
  },
} as const;
