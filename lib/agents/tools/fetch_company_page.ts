/**
 * `fetch_company_page`: reads a company's web page through the fetch guard (`safeFetch`: SSRF
 * checks, redirects re-checked, size and time caps, FETCH_ALLOWLIST) and the content scanner,
 * and returns its text. A page that cannot be read is a result with the reason, never a throw,
 * so the agent can say why and go on with what it has.
 */
import { z } from "zod";
import type { Settings } from "../../config.ts";
import { ContentRejected, scanContent } from "../../security/content/mod.ts";
import { FetchRefused, safeFetch, type SafeFetchOptions } from "../../security/safe_fetch.ts";
import type { Tool } from "../types.ts";
import { htmlToText } from "./html_text.ts";

const args = z.object({
  url: z.string().trim().max(300).regex(/^https?:\/\/\S+$/i, "an http(s) URL")
    .describe("The company's website address"),
});

/** Why a page could not be read (the guard's reasons, plus content checks). */
export type PageFailure =
  | FetchRefused["reason"]
  | "http_error"
  | "not_html"
  | "rejected_content";

/** A page read, or the reason it was not. */
export type CompanyPage =
  | {
    ok: true;
    /** The address finally read (after redirects): cite this one. */
    url: string;
    title: string | null;
    description: string | null;
    text: string;
  }
  | { ok: false; url: string; reason: PageFailure; message: string };

const HTML = /^\s*(text\/html|application\/xhtml\+xml)\b/i;

/** Reads `url` under the guard; `options` overrides the guard's limits (tests, callers). */
export async function readCompanyPage(
  url: string,
  settings: Pick<Settings, "fetchAllowlist" | "clamavUrl">,
  options: Pick<SafeFetchOptions, "timeoutMs" | "maxBytes" | "resolver"> = {},
): Promise<CompanyPage> {
  const fail = (reason: PageFailure, message: string): CompanyPage => ({
    ok: false,
    url,
    reason,
    message,
  });
  try {
    const page = await safeFetch(url, {
      ...options,
      allowlist: settings.fetchAllowlist,
      headers: { accept: "text/html,application/xhtml+xml" },
    });
    if (page.status < 200 || page.status > 299) {
      return fail("http_error", `The site answered HTTP ${page.status}.`);
    }
    if (!HTML.test(page.contentType ?? "")) {
      return fail(
        "not_html",
        `The address is not a web page (content type ${page.contentType ?? "unknown"}).`,
      );
    }
    const scanned = await scanContent(page.body, {
      declaredType: "text/plain",
      clamavUrl: settings.clamavUrl,
      maxBytes: options.maxBytes,
    });
    return { ok: true, url: page.url, ...htmlToText(scanned.text) };
  } catch (e) {
    if (e instanceof FetchRefused) return fail(e.reason, e.message);
    if (e instanceof ContentRejected) return fail("rejected_content", e.message);
    throw e;
  }
}

/** The tool: the text of a company's web page, read through the fetch guard. */
export const fetchCompanyPageTool: Tool<z.infer<typeof args>, CompanyPage> = {
  name: "fetch_company_page",
  description:
    "Read a company's web page (public http(s) addresses only, at most 2 MB and 10 seconds). Returns the page's final URL, title, description and text, or ok=false with the reason it could not be read.",
  args,
  run: ({ url }, env) => readCompanyPage(url, env.settings),
};
