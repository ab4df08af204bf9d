/**
 * Company websites served on 127.0.0.1 for lead-qualification tests: a logistics company that
 * fits the default ideal-customer profile, a bakery that does not, a JSON address that is not
 * a web page, and a page larger than the fetch guard's 2 MB. The app reaches them through FETCH_ALLOWLIST=127.0.0.1.
 */

/** Pages by path. */
const PAGES: Record<string, string> = {
  "/northwind": `<!doctype html><html><head><title>Northwind Freight</title></head><body>
    <h1>About Northwind Freight</h1>
    <p>Northwind Freight is a logistics company based in Chicago with about 400 employees.</p>
    <p>Our support team handles 3,000 tickets a month in Zendesk and we want to automate
    ticket triage. Series B funded.</p></body></html>`,
  "/crumb": `<!doctype html><html><head><title>Crumb &amp; Co bakery</title></head><body>
    <p>Crumb &amp; Co is a family bakery in Sydney with 6 staff.</p></body></html>`,
};

/** Starts the sites; `url(path)` is a page's address. */
export function startCompanySites() {
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
    const path = new URL(req.url).pathname;
    if (path === "/data.json") return Response.json({ company: "Northwind" });
    if (path === "/huge") {
      return new Response(`<p>${"x".repeat(3 * 1024 * 1024)}</p>`, {
        headers: { "content-type": "text/html" },
      });
    }
    const page = PAGES[path];
    return page
      ? new Response(page, { headers: { "content-type": "text/html; charset=utf-8" } })
      : new Response("not found", { status: 404 });
  });
  const base = `http://127.0.0.1:${server.addr.port}`;
  return { url: (path: string) => `${base}${path}`, close: () => server.shutdown() };
}
