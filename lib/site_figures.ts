/**
 * The figures the Home page shows, measured from this instance's own records: the median time
 * to first token of agent runs over the last 30 days, and the runs and leads recorded this UTC
 * month. A figure without data is null, so the page leaves it out instead of showing a zero.
 */
import type { Services } from "./services.ts";
import { monthStart } from "./dashboard/days.ts";
import { logger } from "./telemetry/log.ts";

/** How far back the time-to-first-token median looks. */
export const TTFT_WINDOW_DAYS = 30;

/** What Home shows; each part is null when there is nothing to measure yet. */
export interface SiteFigures {
  /** Median seconds from a run's creation to its first streamed token, and how many runs. */
  firstToken: { medianSeconds: number; runs: number } | null;
  /** Agent runs recorded since the start of the UTC month. */
  runsThisMonth: number | null;
  /** Leads (spam excluded) received since the start of the UTC month. */
  leadsThisMonth: number | null;
  /** The month counted, e.g. "December 2026". */
  month: string;
}

/** Reads the figures from PostgreSQL as of `now`. */
export async function loadSiteFigures(
  services: Pick<Services, "db">,
  now = Date.now(),
): Promise<SiteFigures> {
  const month = monthStart(now);
  const since = new Date(now - TTFT_WINDOW_DAYS * 24 * 60 * 60 * 1000);
  const [[ttft], [runs], [leads]] = await Promise.all([
    services.db.query<{ median: number | null; runs: number }>(
      `select percentile_cont(0.5) within group (
                order by extract(epoch from first_token_at - created_at)
              )::float8 as median,
              count(*)::int as runs
         from agent_runs
        where first_token_at is not null and created_at >= $1 and created_at <= $2`,
      [since, new Date(now)],
    ),
    services.db.query<{ n: number }>(
      `select count(*)::int as n from agent_runs where created_at >= $1 and created_at <= $2`,
      [month, new Date(now)],
    ),
    services.db.query<{ n: number }>(
      `select count(*)::int as n from leads
        where status <> 'spam' and created_at >= $1 and created_at <= $2`,
      [month, new Date(now)],
    ),
  ]);
  const positive = (n: number) => (Number(n) > 0 ? Number(n) : null);
  return {
    firstToken: ttft && Number(ttft.runs) > 0 && ttft.median !== null
      ? { medianSeconds: Number(ttft.median), runs: Number(ttft.runs) }
      : null,
    runsThisMonth: positive(runs?.n ?? 0),
    leadsThisMonth: positive(leads?.n ?? 0),
    month: month.toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }),
  };
}

/** Seconds as the page shows them: "0.42 s" under 1 s, "3.1 s" under 10 s, "12 s" above. */
export function formatSeconds(seconds: number): string {
  const digits = seconds < 1 ? 2 : seconds < 10 ? 1 : 0;
  return `${seconds.toFixed(digits)} s`;
}

/** True when at least one figure has data. */
export function hasFigures(f: SiteFigures): boolean {
  return f.firstToken !== null || f.runsThisMonth !== null || f.leadsThisMonth !== null;
}

/** No figures: the page shows none. */
export const NO_FIGURES: SiteFigures = Object.freeze({
  firstToken: null,
  runsThisMonth: null,
  leadsThisMonth: null,
  month: "",
});

/**
 * The figures, or none when the database cannot answer (the page then shows no figures rather
 * than failing; it is measured again at the next cache refresh).
 */
export async function siteFiguresOrNone(
  services: Pick<Services, "db">,
  now = Date.now(),
): Promise<SiteFigures> {
  try {
    return await loadSiteFigures(services, now);
  } catch (error) {
    logger.warn("site figures unavailable", { error });
    return NO_FIGURES;
  }
}
