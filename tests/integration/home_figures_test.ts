/**
 * The figures on the Home page are measured: seeded runs and leads in a test instance, the page
 * rendered, and each figure compared with the value computed here from the same rows; with no
 * data the figures are not shown at all.
 */
import { assert, assertEquals, assertStringIncludes } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** Runs seeded relative to now: age, seconds to first token (null: none streamed). */
const RUNS: { ageMs: number; ttft: number | null; status: string }[] = [
  { ageMs: 1 * HOUR, ttft: 0.31, status: "succeeded" },
  { ageMs: 2 * DAY, ttft: 0.52, status: "succeeded" },
  { ageMs: 9 * DAY, ttft: 0.94, status: "succeeded" },
  { ageMs: 20 * DAY, ttft: 2.25, status: "succeeded" },
  { ageMs: 3 * HOUR, ttft: null, status: "failed" },
  { ageMs: 45 * DAY, ttft: 9.5, status: "succeeded" },
  { ageMs: 70 * DAY, ttft: null, status: "failed" },
];

/** Leads seeded relative to now: age and status (spam is not counted). */
const LEADS: { ageMs: number; status: string }[] = [
  { ageMs: 2 * HOUR, status: "new" },
  { ageMs: 5 * HOUR, status: "qualified" },
  { ageMs: 6 * HOUR, status: "spam" },
  { ageMs: 50 * DAY, status: "new" },
];

function monthStart(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** The text of the figure `name` on the page, label, value and period, or null. */
function figure(html: string, name: string): { value: string; period: string } | null {
  const m = html.match(
    new RegExp(
      `data-figure="${name}"[^>]*><dt>[^<]+</dt><dd>([^<]+)</dd><dd class="figure-period">([^<]+)</dd>`,
    ),
  );
  return m ? { value: m[1], period: m[2] } : null;
}

Deno.test("Home shows no figures while there is nothing to measure", async () => {
  const app = await startTestApp();
  try {
    const html = await (await app.fetch("/")).text();
    assertStringIncludes(html, "<h1", "the page renders");
    assert(!html.includes("data-figure="), "no figure without data");
    assert(!html.includes("Measured on this site"), "no figures card without data");
    for (const label of ["Median time to first token", "Agent runs", "Contact requests"]) {
      assert(!html.includes(`<dt>${label}</dt>`), `no "${label}" figure without data`);
    }
    assert(!html.includes('class="stats"'), "no figures list at all");
  } finally {
    await app.stop();
  }
});

Deno.test("Home still renders, without figures, when the database cannot answer", async () => {
  const app = await startTestApp();
  try {
    await app.services.db.close();
    const res = await app.fetch("/");
    const html = await res.text();
    assertEquals(res.status, 200);
    assertStringIncludes(html, "<h1");
    assert(!html.includes("data-figure="), "no figures without a database");
  } finally {
    await app.stop().catch(() => {});
  }
});

for (const backend of ["pglite", "postgres"] as const) {
  Deno.test({
    name: `${
      backend === "postgres" ? "[postgres] " : ""
    }Home's figures equal what the seeded runs and leads give`,
    fn: () => seededFigures(backend),
  });
}

async function seededFigures(backend: "pglite" | "postgres") {
  const app = await startTestApp({ backend });
  try {
    const now = Date.now();
    const { db } = app.services;
    for (const [i, r] of RUNS.entries()) {
      const created = new Date(now - r.ageMs);
      await db.query(
        `insert into agent_runs (id, agent, provider, status, created_at, first_token_at)
         values ($1, 'docs-assistant', 'offline', $2, $3, $4)`,
        [
          `run-fig-${i}`,
          r.status,
          created,
          r.ttft === null ? null : new Date(created.getTime() + r.ttft * 1000),
        ],
      );
    }
    for (const [i, l] of LEADS.entries()) {
      await db.query(
        `insert into leads (idempotency_key, name, email, status, created_at)
         values ($1, 'Seeded', 'seed@x.example', $2, $3)`,
        [`fig-${i}`, l.status, new Date(now - l.ageMs)],
      );
    }

    const html = await (await app.fetch("/")).text();
    assertStringIncludes(html, "Measured on this site");

    const recent = RUNS.filter((r) => r.ttft !== null && r.ageMs <= 30 * DAY)
      .map((r) => r.ttft!);
    const expectedMedian = median(recent);
    const ttft = figure(html, "first-token");
    assert(ttft, "the time-to-first-token figure is shown");
    assertEquals(ttft.value, `${expectedMedian.toFixed(expectedMedian < 1 ? 2 : 1)} s`);
    assertEquals(ttft.period, `across ${recent.length} agent runs in the last 30 days`);

    const month = new Date(now).toLocaleDateString("en-GB", {
      month: "long",
      year: "numeric",
      timeZone: "UTC",
    });
    const runsThisMonth = RUNS.filter((r) => now - r.ageMs >= monthStart(now)).length;
    const runs = figure(html, "runs");
    if (runsThisMonth === 0) assertEquals(runs, null);
    else assertEquals(runs, { value: String(runsThisMonth), period: `recorded in ${month} (UTC)` });

    const leadsThisMonth = LEADS.filter((l) =>
      l.status !== "spam" && now - l.ageMs >= monthStart(now)
    ).length;
    const leads = figure(html, "leads");
    if (leadsThisMonth === 0) assertEquals(leads, null);
    else {
      assertEquals(leads, { value: String(leadsThisMonth), period: `received in ${month} (UTC)` });
    }
  } finally {
    await app.stop();
  }
}
