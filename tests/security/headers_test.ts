import { Hono } from "hono";
import { assertEquals, assertNotIncludes, assertStringIncludes } from "../support/assert.ts";
import { securityHeaders } from "../../lib/http/security_headers.ts";
import { startTestApp } from "../support/app.ts";

function appWith(options: Parameters<typeof securityHeaders>[0]) {
  const app = new Hono();
  app.use("*", securityHeaders(options));
  app.get("/", (c) => c.html("<p>hi</p>"));
  app.get(
    "/policy/:value",
    (c) => c.html("<p>token page</p>", 200, { "referrer-policy": c.req.param("value") }),
  );
  return app;
}

Deno.test("a route's stricter Referrer-Policy is kept; a weaker one is replaced", async () => {
  const app = appWith({ hsts: false });
  const policy = async (path: string) => (await app.request(path)).headers.get("referrer-policy");
  assertEquals(await policy("/"), "strict-origin-when-cross-origin");
  for (const strict of ["no-referrer", "same-origin", "strict-origin"]) {
    assertEquals(await policy(`/policy/${strict}`), strict);
  }
  for (const weak of ["unsafe-url", "origin", "no-referrer-when-downgrade"]) {
    assertEquals(await policy(`/policy/${weak}`), "strict-origin-when-cross-origin", weak);
  }
});

Deno.test("/signin/verify and /dev/outbox answer with Referrer-Policy: no-referrer", async () => {
  const app = await startTestApp();
  try {
    for (const path of ["/signin/verify?token=abc", "/dev/outbox"]) {
      const res = await app.fetch(path, { headers: { accept: "text/html" } });
      await res.body?.cancel();
      assertEquals(res.headers.get("referrer-policy"), "no-referrer", path);
    }
  } finally {
    await app.stop();
  }
});

Deno.test("HSTS only in production; hCaptcha hosts only when hCaptcha is enabled", async () => {
  const prod = await appWith({ hsts: true, hcaptcha: true }).request("/");
  assertEquals(
    prod.headers.get("strict-transport-security"),
    "max-age=63072000; includeSubDomains",
  );
  const csp = prod.headers.get("content-security-policy")!;
  for (const d of ["script-src", "style-src", "connect-src", "frame-src"]) {
    assertStringIncludes(csp, `${d} `);
    const directive = csp.split("; ").find((p) => p.startsWith(d))!;
    assertStringIncludes(directive, "https://*.hcaptcha.com");
  }
  const plain = await appWith({ hsts: false }).request("/");
  assertEquals(plain.headers.get("strict-transport-security"), null);
  const plainCsp = plain.headers.get("content-security-policy")!;
  assertNotIncludes(plainCsp, "hcaptcha");
  assertStringIncludes(plainCsp, "frame-src 'none'");
});
