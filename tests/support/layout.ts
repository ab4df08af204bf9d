/**
 * Layout checks for pages opened with `openPage` (tests/support/browser.ts): horizontal
 * overflow of the page and text drawn over other text.
 */
import type { Page } from "playwright-core";

/** Two text boxes that cover each other. */
export interface TextOverlap {
  a: string;
  b: string;
  /** Overlap in CSS pixels (width x height). */
  size: string;
}

/** How far the page scrolls sideways: `scrollWidth - innerWidth` (0 when it does not). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() =>
    Math.max(0, (document.scrollingElement?.scrollWidth ?? 0) - globalThis.innerWidth)
  );
}

/**
 * Pairs of visible text runs (line boxes of text nodes, clipped to their scrolling or clipping
 * ancestors) from different elements that overlap by at least `minPx` in both directions.
 * Elements matching `ignore` (and their descendants) are left out.
 */
export function textOverlaps(page: Page, ignore = "", minPx = 3): Promise<TextOverlap[]> {
  return page.evaluate(({ ignore, minPx }) => {
    type Box = { x1: number; y1: number; x2: number; y2: number; el: Element };
    const clipCache = new Map<Element, DOMRect | null>();
    const intersect = (a: Omit<Box, "el">, b: Omit<Box, "el">) => ({
      x1: Math.max(a.x1, b.x1),
      y1: Math.max(a.y1, b.y1),
      x2: Math.min(a.x2, b.x2),
      y2: Math.min(a.y2, b.y2),
    });
    /** The visible area an element's content is clipped to (null: the whole page). */
    const clipOf = (el: Element | null): Omit<Box, "el"> | null => {
      let clip: Omit<Box, "el"> | null = null;
      for (let e = el; e && e !== document.documentElement; e = e.parentElement) {
        if (!clipCache.has(e)) {
          const s = getComputedStyle(e);
          const clips = s.overflowX !== "visible" || s.overflowY !== "visible" ||
            s.clipPath !== "none" || s.clip !== "auto";
          clipCache.set(e, clips ? e.getBoundingClientRect() : null);
        }
        const r = clipCache.get(e);
        if (r) {
          const box = { x1: r.left, y1: r.top, x2: r.right, y2: r.bottom };
          clip = clip ? intersect(clip, box) : box;
        }
      }
      return clip;
    };
    const boxes: Box[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.textContent?.trim()) continue;
      const el = n.parentElement;
      if (!el || (ignore && el.closest(ignore))) continue;
      if (el.closest("script, style, noscript, template, [hidden]")) {
        continue;
      }
      const shown = el.checkVisibility({
        contentVisibilityAuto: true,
        opacityProperty: true,
        visibilityProperty: true,
      });
      if (!shown) continue;
      range.selectNodeContents(n);
      const clip = clipOf(el);
      for (const r of range.getClientRects()) {
        let box = { x1: r.left, y1: r.top, x2: r.right, y2: r.bottom };
        if (clip) box = intersect(box, clip);
        if (box.x2 - box.x1 >= 1 && box.y2 - box.y1 >= 1) boxes.push({ ...box, el });
      }
    }
    boxes.sort((a, b) => a.y1 - b.y1);
    const name = (el: Element) => {
      const text = (el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 40);
      const cls = el.getAttribute("class");
      return `<${el.tagName.toLowerCase()}${cls ? ` class="${cls}"` : ""}> "${text}"`;
    };
    const found = new Map<string, { a: string; b: string; size: string }>();
    for (let i = 0; i < boxes.length; i++) {
      const a = boxes[i];
      for (let j = i + 1; j < boxes.length && boxes[j].y1 < a.y2 - minPx; j++) {
        const b = boxes[j];
        if (a.el === b.el) continue;
        const o = intersect(a, b);
        const w = o.x2 - o.x1;
        const h = o.y2 - o.y1;
        if (w < minPx || h < minPx) continue;
        const key = `${name(a.el)} / ${name(b.el)}`;
        if (!found.has(key)) {
          found.set(key, { a: name(a.el), b: name(b.el), size: `${w.toFixed(0)}x${h.toFixed(0)}` });
        }
      }
    }
    return [...found.values()];
  }, { ignore, minPx });
}

/**
 * Focusable elements (links, buttons, fields, summaries, tabindex >= 0) that show no focus
 * indicator: once keyboard focus is in play (one real Tab press, so `:focus-visible` applies),
 * each visible one is focused in turn and must have an outline, or its own or its parent's
 * box-shadow, background, border, text decoration or colour must differ from unfocused.
 * At most `limit` elements are checked per page.
 */
export async function invisibleFocus(page: Page, limit = 200): Promise<string[]> {
  await page.keyboard.press("Tab");
  return page.evaluate((limit) => {
    const selector = [
      "a[href]",
      "button:not([disabled])",
      "input:not([disabled]):not([type=hidden])",
      "select:not([disabled])",
      "textarea:not([disabled])",
      "summary",
      "[tabindex]:not([tabindex='-1'])",
    ].join(",");
    const props = [
      "outline-style",
      "outline-width",
      "outline-color",
      "box-shadow",
      "background-color",
      "border-color",
      "text-decoration-line",
      "color",
    ];
    const look = (el: Element) => {
      const s = getComputedStyle(el);
      return props.map((p) => s.getPropertyValue(p)).join("|");
    };
    const name = (el: Element) => {
      const text = (el.textContent ?? el.getAttribute("aria-label") ?? "").trim()
        .replace(/\s+/g, " ").slice(0, 40);
      const cls = el.getAttribute("class");
      return `<${el.tagName.toLowerCase()}${cls ? ` class="${cls}"` : ""}> "${text}"`;
    };
    const bad: string[] = [];
    let checked = 0;
    for (const el of document.querySelectorAll<HTMLElement>(selector)) {
      if (checked >= limit) break;
      if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      (document.activeElement as HTMLElement | null)?.blur?.();
      const targets = el.parentElement ? [el, el.parentElement] : [el];
      const before = targets.map(look);
      el.focus({ preventScroll: true });
      if (document.activeElement !== el) continue;
      checked++;
      const s = getComputedStyle(el);
      const outlined = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0 &&
        !/^(transparent|rgba\(.*,\s*0\))$/.test(s.outlineColor);
      if (!outlined && targets.every((t, i) => look(t) === before[i])) bad.push(name(el));
    }
    (document.activeElement as HTMLElement | null)?.blur?.();
    return bad;
  }, limit);
}
