/**
 * Which pages record a `page_view`: the site's public pages. The operators' own pages (the
 * dashboard, the account page, sign-in and its callbacks, the development outbox) are not
 * visits to the site, so viewing them must not count as one or fill the feed.
 */
const UNTRACKED_PREFIXES = ["/dashboard", "/account", "/signin", "/signout", "/auth", "/dev"];

/** Whether the page at `pathname` records page views (with analytics consent). */
export function isTrackedPage(pathname: string): boolean {
  return !UNTRACKED_PREFIXES.some((prefix) =>
    pathname === prefix || pathname.startsWith(`${prefix}/`)
  );
}
