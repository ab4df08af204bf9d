import { useEffect } from "preact/hooks";
import { track } from "../lib/tracking/client.ts";

/**
 * Records a `page_view` for the page it is on, and a `cta_click` for clicks on any element with
 * a `data-track-cta` attribute (its value, or its text, is the label). Only with analytics
 * consent; renders nothing.
 */
export default function PageTracker() {
  useEffect(() => {
    track("page_view", { path: location.pathname });
    const onClick = (e: MouseEvent) => {
      const el = (e.target as Element | null)?.closest?.("[data-track-cta]");
      if (!el) return;
      const label = (el.getAttribute("data-track-cta") || el.textContent || "").trim().slice(0, 80);
      track("cta_click", { path: location.pathname, ...(label ? { label } : {}) });
    };
    document.addEventListener("click", onClick);
    return () => document.removeEventListener("click", onClick);
  }, []);
  return null;
}
