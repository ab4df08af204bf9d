import { assertEquals } from "../support/assert.ts";
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
