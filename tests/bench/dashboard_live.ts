/**
 * How fast an open dashboard shows a new event, in Chromium: for each of EVENTS page views
 * recorded through `POST /demo/record` (the member's session, analytics consent), the time from
 * sending the request to the event's row in the live feed, and to the Visits figure counting
 * it (the Overview refetches its figures shortly after the feed reports events).
 */
import { browserCookie, withBrowser } from "../support/browser.ts";
import { recorderHeaders } from "./sse_fanout.ts";

/** Delays in ms from a record request to what the open dashboard shows. */
export interface DashboardLiveFigures {
  events: number;
  feedRowMs: { p50: number; p95: number; max: number };
  visitsFigureMs: { p50: number; p95: number; max: number };
}

const GAP_MS = 1000;

function summary(xs: number[]) {
  const sorted = [...xs].sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
  return { p50: at(0.5), p95: at(0.95), max: Math.round(sorted.at(-1) ?? 0) };
}

/** Opens `dashboardPath` signed in with `sessionCookie` and measures `events` page views. */
export function benchDashboardLive(
  baseUrl: string,
  { dashboardPath, sessionCookie, events = 20 }: {
    dashboardPath: string;
    sessionCookie: string;
    events?: number;
  },
): Promise<DashboardLiveFigures> {
  return withBrowser(async (browser) => {
    const context = await browser.newContext();
    await context.addCookies([
      browserCookie(sessionCookie, baseUrl),
      browserCookie("consent=analytics", baseUrl),
    ]);
    const page = await context.newPage();
    await page.goto(new URL(dashboardPath, baseUrl).href);
    await page.waitForSelector('.activity-feed[data-status="live"]', { timeout: 60_000 });
    const visits = () =>
      page.evaluate(() =>
        Number(document.querySelector('[data-kpi="visits"] .kpi-today')?.textContent ?? NaN)
      );
    let count = await visits();
    const feedRow: number[] = [];
    const figure: number[] = [];
    const visitor = await recorderHeaders(baseUrl, "127.0.0.1");
    visitor.set("origin", new URL(baseUrl).origin);
    for (let i = 0; i < events; i++) {
      const path = `/bench-live/${i}`;
      const started = performance.now();
      const res = await fetch(new URL("/demo/record", baseUrl), {
        method: "POST",
        headers: visitor,
        body: JSON.stringify({ type: "page_view", path }),
      });
      await res.body?.cancel();
      if (res.status !== 202) throw new Error(`POST /demo/record answered ${res.status}`);
      count++;
      await page.waitForFunction(
        (p) =>
          [...document.querySelectorAll(".feed-list li")].some((li) => li.textContent?.endsWith(p)),
        path,
        { timeout: 60_000, polling: "raf" },
      );
      feedRow.push(performance.now() - started);
      await page.waitForFunction(
        (n) => document.querySelector('[data-kpi="visits"] .kpi-today')?.textContent === String(n),
        count,
        { timeout: 60_000, polling: "raf" },
      );
      figure.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, GAP_MS));
    }
    await context.close();
    return { events, feedRowMs: summary(feedRow), visitsFigureMs: summary(figure) };
  });
}
