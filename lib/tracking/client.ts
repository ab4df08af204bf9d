/**
 * Browser helpers for recording demo events: `track(type, fields)` posts to `/demo/record` with
 * the page's demo key (`<meta name="demo-key">`, refreshed from `/demo/key` when it is about to
 * expire) and a fresh `traceparent`. Callers record only when the visitor accepted analytics
 * (no GPC/DNT): lib/page_script/page_tracking.ts. Browser only; no zod, so pages stay small.
 */
import { pageTraceparent } from "../telemetry/page_trace.ts";
import type { DemoEventInput } from "./events.ts";

/** Refresh a key this long before it expires. */
const REFRESH_MARGIN_MS = 60_000;

let cached: { key: string; expiresAt: number } | null = null;

function expiryOf(key: string): number {
  try {
    const body = key.slice(0, key.indexOf("."));
    const json = atob(body.replaceAll("-", "+").replaceAll("_", "/"));
    const exp = (JSON.parse(json) as { exp?: number }).exp;
    return typeof exp === "number" ? exp * 1000 : 0;
  } catch {
    return 0;
  }
}

/** A demo key that is valid for at least another minute. */
export async function demoKey(): Promise<string | null> {
  const now = Date.now();
  if (!cached) {
    const meta = document.querySelector<HTMLMetaElement>('meta[name="demo-key"]')?.content;
    if (meta) cached = { key: meta, expiresAt: expiryOf(meta) };
  }
  if (cached && cached.expiresAt - REFRESH_MARGIN_MS > now) return cached.key;
  try {
    const res = await fetch("/demo/key", { headers: { accept: "application/json" } });
    if (!res.ok) return null;
    const { key } = await res.json() as { key: string };
    cached = { key, expiresAt: expiryOf(key) };
    return key;
  } catch {
    return null;
  }
}

function randomHex(bytes: number): string {
  return Array.from(
    crypto.getRandomValues(new Uint8Array(bytes)),
    (b) => b.toString(16).padStart(2, "0"),
  ).join("");
}

/**
 * Records one event; resolves true when it was stored. Call it only with analytics consent.
 * Never throws: tracking must not break a page.
 */
export async function track(
  type: DemoEventInput["type"],
  fields: Omit<DemoEventInput, "type"> = {},
): Promise<boolean> {
  const key = await demoKey();
  if (!key) return false;
  try {
    const res = await fetch("/demo/record", {
      method: "POST",
      keepalive: true,
      headers: {
        "content-type": "application/json",
        "x-demo-key": key,
        traceparent: pageTraceparent() ?? `00-${randomHex(16)}-${randomHex(8)}-01`,
      },
      body: JSON.stringify({ type, ...fields }),
    });
    return res.status === 202;
  } catch {
    return false;
  }
}
