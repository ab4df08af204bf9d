/** Which navigation entry a path belongs to, for `aria-current`. */

/**
 * `aria-current` for a link: "page" on the page itself, "true" on a page inside the link's
 * section (e.g. `/docs/runs-api` under Docs), otherwise undefined.
 */
export function currentFor(href: string, pathname: string): "page" | "true" | undefined {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  if (path === href) return "page";
  if (href !== "/" && path.startsWith(`${href}/`)) return "true";
  return undefined;
}
