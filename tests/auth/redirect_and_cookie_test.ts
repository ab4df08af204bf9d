import fc from "fast-check";
import { assert, assertEquals } from "../support/assert.ts";
import { DEFAULT_NEXT, safeNext } from "../../lib/auth/next_path.ts";
import { isLocalHttp, serializeCookie } from "../../lib/auth/cookies.ts";

Deno.test("safeNext keeps same-origin relative paths and refuses everything else", () => {
  for (const ok of ["/dashboard?x=1", "/account", "/dashboard/acme/runs#top", "/a/b?next=//x"]) {
    assertEquals(safeNext(ok), ok);
  }
  const refused = [
    "//evil.example",
    "///evil.example",
    "https://evil.example",
    "http:evil.example",
    "/\\evil.example",
    "\\/evil.example",
    "/\tevil",
    "/\r\nLocation: https://evil.example",
    "javascript:alert(1)",
    "dashboard",
    "",
    null,
    undefined,
    "/" + "a".repeat(2001),
  ];
  for (const bad of refused) assertEquals(safeNext(bad), DEFAULT_NEXT, String(bad));
  assertEquals(safeNext("/./dashboard"), "/dashboard");
});

Deno.test("safeNext checks the path after normalising: dot segments never make //host", () => {
  const refused = [
    "/..//evil.example",
    "/../..//evil.example",
    "/a/../..//evil.example",
    "/.//evil.example",
    "/./..//evil.example",
    "/%2e%2e//evil.example",
    "/.%2e//evil.example",
    "/%2E%2E//evil.example",
    "/..%2f/evil.example",
    "/..\\evil.example",
    "/..//\\evil.example",
    "/\t/evil.example",
    "/.\t.//evil.example",
    "/..%09//evil.example",
    "/\x7f//evil.example",
    "/..\u0000//evil.example",
  ];
  for (const bad of refused) {
    const got = safeNext(bad);
    assert(!got.startsWith("//"), `${JSON.stringify(bad)} -> ${got}`);
    assertEquals(new URL(got, "https://relay.example").origin, "https://relay.example", bad);
  }
  for (const bad of refused.slice(0, 8)) assertEquals(safeNext(bad), DEFAULT_NEXT, bad);
});

Deno.test("safeNext never leaves the site, whatever the path is made of", () => {
  const part = fc.constantFrom(
    "/",
    "//",
    ".",
    "..",
    "%2e",
    "%2E",
    "%2f",
    "%5c",
    "\\",
    "\t",
    "\n",
    "%09",
    "%0a",
    "\x7f",
    "evil.example",
    "@",
    ":",
    "?",
    "#",
    "a",
    "\u3002",
    "\ud800",
    "%00",
    " ",
  );
  fc.assert(
    fc.property(fc.array(part, { maxLength: 10 }), (parts) => {
      const raw = `/${parts.join("")}`;
      const got = safeNext(raw);
      // deno-lint-ignore no-control-regex
      assert(got.startsWith("/") && !got.startsWith("//") && !/[\\\x00-\x1f\x7f]/.test(got));
      const url = new URL(got, "https://relay.example/base/");
      assertEquals(url.origin, "https://relay.example", `${JSON.stringify(raw)} -> ${got}`);
      assertEquals(url.pathname + url.search + url.hash, got, "already normalised");
    }),
    { numRuns: 2000 },
  );
});

Deno.test("cookies: __Host- and Secure everywhere but plain-http loopback outside production", () => {
  const cases: [string, string, string][] = [
    [
      "development",
      "http://localhost:8000/",
      "session=v; Path=/; Max-Age=60; HttpOnly; SameSite=Lax",
    ],
    ["test", "http://127.0.0.1:9/", "session=v; Path=/; Max-Age=60; HttpOnly; SameSite=Lax"],
    [
      "development",
      "https://localhost/",
      "__Host-session=v; Path=/; Max-Age=60; HttpOnly; SameSite=Lax; Secure",
    ],
    [
      "development",
      "http://192.168.1.5:8000/",
      "__Host-session=v; Path=/; Max-Age=60; HttpOnly; SameSite=Lax; Secure",
    ],
    [
      "production",
      "http://localhost/",
      "__Host-session=v; Path=/; Max-Age=60; HttpOnly; SameSite=Lax; Secure",
    ],
    [
      "production",
      "https://relay.example/",
      "__Host-session=v; Path=/; Max-Age=60; HttpOnly; SameSite=Lax; Secure",
    ],
  ];
  for (const [env, url, expected] of cases) {
    const settings = { env: env as "development" | "test" | "production" };
    assertEquals(
      serializeCookie(settings, new URL(url), "session", "v", 60),
      expected,
      `${env} ${url}`,
    );
  }
  assertEquals(isLocalHttp({ env: "test" }, new URL("http://[::1]:8000/")), true);
});
