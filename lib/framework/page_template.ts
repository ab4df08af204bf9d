/**
 * Pages rendered per request whose only per-request difference is a few text values in their
 * data (a signed form token): the page is rendered once with placeholders in those fields,
 * split at the placeholders and kept; each request joins the kept parts with its own values.
 */
import type { PageProps } from "./types.ts";

/** A rendered page and the islands it used. */
export interface RenderedPage {
  result: string;
  islands: Set<string>;
}

interface Template extends RenderedPage {
  /** The text between placeholders: one more than `fields`. */
  parts: string[];
  /** For each gap between parts, the index of the field whose value goes there. */
  fields: number[];
}

/** Values spliced as they are must be text that neither HTML nor JSON escapes. */
const SAFE = /^[A-Za-z0-9._~-]*$/;
const MARK = `relaypr${crypto.randomUUID().replaceAll("-", "")}f`;
const MARKS = new RegExp(`${MARK}(\\d+)x`, "g");
const MAX_TEMPLATES = 500;

/** Kept page templates by shell, query, params and data (with placeholders). */
export class PageTemplates {
  #templates = new Map<string, Template | null>();

  /**
   * The page for `props`, its `fields` spliced into a kept template; null when they are not
   * safe text, or the page does not show them unchanged (then it is rendered as usual).
   * The first request of a template is rendered both ways and compared: a page that derives
   * anything else from those fields is never templated.
   */
  render(
    shellKey: string,
    props: PageProps<unknown>,
    fields: readonly string[],
    renderPage: (props: PageProps<unknown>) => RenderedPage,
  ): RenderedPage | null {
    const data = props.data as Record<string, unknown> | null;
    if (!data || typeof data !== "object") return null;
    const values: string[] = [];
    const templated: Record<string, unknown> = { ...data };
    for (let i = 0; i < fields.length; i++) {
      const value = data[fields[i]];
      if (typeof value !== "string" || !SAFE.test(value)) return null;
      values.push(value);
      templated[fields[i]] = `${MARK}${i}x`;
    }
    const key = JSON.stringify([shellKey, props.url.search, props.params, templated]);
    const kept = this.#templates.get(key);
    if (kept === null) return null;
    if (kept) return { result: splice(kept, values), islands: kept.islands };
    const template = split(renderPage({ ...props, data: templated }), fields.length);
    const real = renderPage(props);
    if (this.#templates.size >= MAX_TEMPLATES) this.#templates.clear();
    const same = template !== null && splice(template, values) === real.result &&
      [...template.islands].join() === [...real.islands].join();
    this.#templates.set(key, same ? template : null);
    return real;
  }
}

function split(page: RenderedPage, count: number): Template | null {
  const pieces = page.result.split(MARKS);
  const parts: string[] = [];
  const fields: number[] = [];
  for (let i = 0; i < pieces.length; i++) {
    if (i % 2 === 0) parts.push(pieces[i]);
    else fields.push(Number(pieces[i]));
  }
  for (let i = 0; i < count; i++) if (!fields.includes(i)) return null;
  return { ...page, parts, fields };
}

function splice(template: Template, values: string[]): string {
  const { parts, fields } = template;
  let out = parts[0];
  for (let i = 0; i < fields.length; i++) out += values[fields[i]] + parts[i + 1];
  return out;
}
