/**
 * The page's W3C trace context in the browser (imports nothing): `pageTraceparent()` for the
 * `traceparent` field of feed events, `traceHeaders()` to spread into `fetch` headers so the
 * server's spans join the page's trace. Its own small module so the page script that runs on
 * every page carries only this, not the error reporter.
 */

const TRACEPARENT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

function fromServerTiming(): string | undefined {
  const nav = globalThis.performance?.getEntriesByType?.("navigation")[0] as
    | (PerformanceEntry & { serverTiming?: { name: string; description: string }[] })
    | undefined;
  return nav?.serverTiming?.find((t) => t.name === "traceparent")?.description;
}

/**
 * The page's `traceparent`: from the navigation's `Server-Timing` header (fresh on every load,
 * also for pages served from cache), else the `<meta name="traceparent">` tag.
 */
export function pageTraceparent(): string | undefined {
  const value = fromServerTiming() ??
    globalThis.document?.querySelector('meta[name="traceparent"]')?.getAttribute("content") ??
    undefined;
  return value && TRACEPARENT.test(value) ? value : undefined;
}

/** `{ traceparent }` when the page has a trace, else `{}`: spread into fetch headers. */
export function traceHeaders(): Record<string, string> {
  const traceparent = pageTraceparent();
  return traceparent ? { traceparent } : {};
}
