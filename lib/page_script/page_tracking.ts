/**
 * Page tracking in the browser, plain DOM (no Preact), for pages marked `data-track-page` on
 * `<body>` (the site's public pages; lib/page_script/mod.ts checks): records a `page_view`, and a `cta_click` for clicks on any
 * element with a `data-track-cta` attribute (its value, or its text, is the label). Loaded only
 * with analytics consent; stops recording when the visitor withdraws it on the page.
 */
import { track } from "../tracking/client.ts";

/** Starts tracking this page; `allowed` tells whether analytics consent still holds. */
export function startPageTracking(allowed: () => boolean) {
  const path = location.pathname;
  track("page_view", { path });
  document.addEventListener("click", (e) => {
    if (!allowed()) return;
    const el = (e.target as Element | null)?.closest?.("[data-track-cta]");
    if (!el) return;
    const label = (el.getAttribute("data-track-cta") || el.textContent || "").trim().slice(0, 80);
    track("cta_click", { path, ...(label ? { label } : {}) });
  });
}
