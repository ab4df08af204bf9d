/**
 * The pieces of a mixed workload against a running app (`main.ts` in its own process): page
 * views, demo feed events, agent runs and leads, each acting as a visitor with its own client
 * address, and a tally per kind of what came back and how fast.
 */
import { solvedAltcha } from "../support/leads.ts";
import { formTokenFor } from "../support/app_fixture.ts";
import { percentile } from "../bench/load.ts";
import { nextIp, runOnce } from "../bench/run_client.ts";
import { streamedText } from "../support/runs.ts";

/** One unexpected answer. */
export interface Failure {
  kind: string;
  status: number;
  detail: string;
}

/** What one kind of request saw. */
export class Tally {
  ok = 0;
  /** Intended refusals: 429 from a rate limit or quota. */
  limited = 0;
  failures: Failure[] = [];
  latencies: number[] = [];
  constructor(readonly kind: string) {}

  /** Counts one answer: `ok`, a 429, or a failure (anything else). */
  count(status: number, ms: number, ok: boolean, detail = "") {
    this.latencies.push(ms);
    if (ok) this.ok++;
    else if (status === 429) this.limited++;
    else this.failures.push({ kind: this.kind, status, detail: detail.slice(0, 300) });
  }

  /** A row for the summary table. */
  row(seconds: number) {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    const r2 = (n: number) => Math.round(n * 100) / 100;
    return {
      kind: this.kind,
      requests: sorted.length,
      perSecond: r2(sorted.length / seconds),
      ok: this.ok,
      limited429: this.limited,
      failures: this.failures.length,
      p50Ms: r2(percentile(sorted, 50)),
      p99Ms: r2(percentile(sorted, 99)),
    };
  }
}

/**
 * Runs `fn` in `count` concurrent loops while `going()` is true; a thrown error (a refused or
 * dropped connection) counts as a failure of `tally` and the loop goes on.
 */
export function loops(
  count: number,
  going: () => boolean,
  tally: Tally,
  fn: (loop: number) => Promise<void>,
) {
  return Promise.all(Array.from({ length: count }, async (_, i) => {
    while (going()) {
      try {
        await fn(i);
      } catch (error) {
        tally.failures.push({ kind: tally.kind, status: 0, detail: String(error).slice(0, 300) });
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }));
}

/** A `going` predicate true until `seconds` from now. */
export function forSeconds(seconds: number): () => boolean {
  const deadline = performance.now() + seconds * 1000;
  return () => performance.now() < deadline;
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await fn();
  return [value, performance.now() - t0];
}

/** Pages a visitor reads. */
export const PAGES = ["/", "/pricing", "/docs", "/docs/getting-started", "/platform", "/contact"];

/** One page view of a random page. */
export async function viewPage(baseUrl: string, tally: Tally) {
  const path = PAGES[Math.floor(Math.random() * PAGES.length)];
  const [res, ms] = await timed(() =>
    fetch(baseUrl + path, { headers: { "x-forwarded-for": nextIp() } })
  );
  const text = await res.text();
  tally.count(res.status, ms, res.status === 200, `${path}: ${text.slice(0, 200)}`);
}

/** Records one page_view event as `ip` with the page's demo key; returns its public seq. */
export async function recordEvent(
  baseUrl: string,
  demoKey: string,
  ip: string,
  tally: Tally,
): Promise<number | null> {
  const [res, ms] = await timed(() =>
    fetch(`${baseUrl}/demo/record`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-demo-key": demoKey,
        cookie: "consent=analytics",
        "x-forwarded-for": ip,
      },
      body: JSON.stringify({ type: "page_view", path: "/load" }),
    })
  );
  const body = await res.json();
  tally.count(res.status, ms, res.status === 202, JSON.stringify(body));
  return res.status === 202 ? body.seq : null;
}

/** The token texts the fake provider streams for every load-test run. */
export const fakeRunReplyParts = Array.from({ length: 12 }, (_, i) => `part${i} `);

/** One demo run read to its end; checks the streamed text is exactly what the provider sent. */
export async function demoRun(baseUrl: string, tally: Tally) {
  const [r, ms] = await timed(() =>
    runOnce(baseUrl, "docs-assistant", { question: "How do I deploy?" })
  );
  if (r.status !== 202) {
    tally.count(r.status, ms, false, JSON.stringify(r.error));
    return;
  }
  const last = r.events.at(-1);
  const text = streamedText(r.events);
  const ok = last?.event === "done" && text === fakeRunReplyParts.join("");
  tally.count(ok ? 202 : 500, ms, ok, `run ${r.runId} ended ${last?.event}: ${text.slice(0, 80)}`);
}

/** A lead accepted by the app: its id and the address it was sent with. */
export interface AcceptedLead {
  leadId: string;
  email: string;
}

/**
 * Sends one lead through `POST /api/leads` (solved ALTCHA challenge, a form token minted for
 * the app's secrets, an Idempotency-Key), sometimes twice (a double click: the same lead must
 * come back). Returns the accepted lead, or null.
 */
export async function sendLead(
  baseUrl: string,
  env: Record<string, string>,
  n: number,
  tally: Tally,
  { ip = nextIp(), domain = "load.example" } = {},
): Promise<AcceptedLead | null> {
  const email = `lead${n}-${crypto.randomUUID().slice(0, 8)}@${domain}`;
  const fetchAs = (path: string) => fetch(baseUrl + path, { headers: { "x-forwarded-for": ip } });
  const captcha = await solvedAltcha(fetchAs);
  const body = JSON.stringify({
    name: `Load Person ${n}`,
    email,
    company: "Load Co",
    message: "We would like to hear about agents for our team.",
    consent: true,
    formToken: await formTokenFor(env),
    captcha,
  });
  const key = `load-${crypto.randomUUID()}`;
  const post = () =>
    fetch(`${baseUrl}/api/leads`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "idempotency-key": key,
        "x-forwarded-for": ip,
      },
      body,
    });
  const [res, ms] = await timed(post);
  const json = await res.json();
  tally.count(res.status, ms, res.status === 202, JSON.stringify(json));
  if (res.status !== 202) return null;
  if (n % 5 === 0) {
    const again = await post();
    const second = await again.json();
    if (again.status !== 202 || second.leadId !== json.leadId || !second.duplicate) {
      tally.failures.push({
        kind: tally.kind,
        status: again.status,
        detail: `double submit gave ${JSON.stringify(second)} after ${json.leadId}`,
      });
    }
  }
  return { leadId: json.leadId, email };
}

/** Polls `/readyz` until the outbox is empty (or throws after `ms`). */
export async function waitOutboxEmpty(baseUrl: string, ms = 60_000) {
  const until = Date.now() + ms;
  let last = "";
  while (Date.now() < until) {
    const res = await fetch(`${baseUrl}/readyz`);
    const body = await res.json();
    last = body.checks?.outbox?.detail ?? "";
    if (last === "depth 0" && body.checks?.database?.ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`outbox not drained in ${ms} ms (last: ${last})`);
}
