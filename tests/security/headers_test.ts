import { Hono } from "hono";
import { assertEquals, assertNotIncludes, assertStringIncludes } from "../support/assert.ts";
import { securityHeaders } from "../../lib/http/security_headers.ts";

function appWith(options: Parameters<typeof securityHeaders>[0]) {
  const app = new Hono();
  app.use("*", securityHeaders(options));
  app.get("/", (c) => c.html("<p>hi</p>"));
  return app;
}

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
