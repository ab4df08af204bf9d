/**
 * `Origin: null`, which browsers send for a form posted from a `Referrer-Policy: no-referrer`
 * page (such as /signin/verify), is judged by `Sec-Fetch-Site`; without it the post is refused.
 */
import { assertEquals } from "../support/assert.ts";
import { crossOriginReason } from "../../lib/security/csrf.ts";

const OURS = ["http://relay.test"];
const post = (headers: Record<string, string>) =>
  new Request("http://relay.test/signin/verify", { method: "POST", headers });

Deno.test("a same-origin form from a no-referrer page (Origin: null) is accepted", () => {
  assertEquals(
    crossOriginReason(post({ origin: "null", "sec-fetch-site": "same-origin" }), OURS),
    null,
  );
});

Deno.test("Origin: null from another site, or with nothing to judge it by, is refused", () => {
  assertEquals(
    crossOriginReason(post({ origin: "null", "sec-fetch-site": "cross-site" }), OURS),
    "fetch site cross-site",
  );
  assertEquals(crossOriginReason(post({ origin: "null" }), OURS), "origin null");
  assertEquals(crossOriginReason(post({ origin: "http://evil.test" }), OURS), "origin foreign");
});
