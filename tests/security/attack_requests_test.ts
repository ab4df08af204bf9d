/**
 * Attacks on requests: cross-origin writes refused; open redirects and static path traversal
 * refused; oversized, compressed, mistyped and malformed bodies refused; cookie flags, CSP
 * reports and security headers.
 */
import {
  assert,
  assertEquals,
  assertNotIncludes,
  assertStringIncludes,
} from "../support/assert.ts";
import { check, client, EVIL, nextIp, startAttackTarget } from "../support/attack.ts";
import { sessionCookie } from "../../lib/auth/session.ts";
import { contentSecurityPolicy } from "../../lib/http/security_headers.ts";
import { setLogLevel, setLogSink } from "../../lib/telemetry/log.ts";

Deno.test("attack suite: requests", async (t) => {
  const { app, member, anon, freshSession, routes, pages } = await startAttackTarget();
  try {
    let signedIn = client(app, member.cookie);
    const cookiesSeen: string[] = [];
    for (const who of [anon, signedIn]) {
      for (const page of pages) {
        const res = await who(page, { headers: { accept: "text/html" } });
        res.headers.forEach((v, k) => k === "set-cookie" && cookiesSeen.push(v));
        await check(res, `GET ${page}`);
      }
    }

    await t.step("cross-origin writes are refused, form and JSON alike", async () => {
      const cookie = await freshSession();
      const writes = routes.filter((r) => r.methods.some((m) => m !== "GET") && !r.dynamic);
      assert(writes.length >= 5);
      const variants: HeadersInit[] = [
        { origin: EVIL, "content-type": "application/x-www-form-urlencoded" },
        { origin: EVIL, "content-type": "application/json" },
        { origin: "null", "content-type": "text/plain" },
        { "sec-fetch-site": "cross-site", origin: "", "content-type": "application/json" },
        { referer: `${EVIL}/page`, origin: "", "content-type": "application/json" },
      ];
      for (const r of writes) {
        for (const method of r.methods.filter((m) => m !== "GET")) {
          for (const v of variants) {
            const headers = new Headers(v);
            if (headers.get("origin") === "") headers.delete("origin");
            headers.set("cookie", cookie);
            headers.set("x-forwarded-for", nextIp());
            headers.set("accept", "application/json");
            const res = await app.fetch(r.path, {
              method,
              headers,
              body: "{}",
              redirect: "manual",
            });
            const body = await res.text();
            assertEquals(res.status, 403, `${method} ${r.path} ${[...headers.keys()]}: ${body}`);
            assertEquals(JSON.parse(body).error.code, "cross_origin_request");
          }
        }
      }
      const bearer = await anon("/api/csp-reports", {
        method: "POST",
        headers: { origin: EVIL, authorization: "Bearer abc", "content-type": "application/json" },
        body: JSON.stringify([]),
      });
      assertEquals(bearer.status, 204, "bearer-token requests are not cookie-based: exempt");
    });

    await t.step("open redirects are refused", async () => {
      signedIn = client(app, await freshSession());
      const targets = [`${EVIL}/`, "//evil.example/", "/\\evil.example", "https:evil.example"];
      const writable = new Set(
        routes.filter((r) => !r.dynamic && r.methods.includes("POST")).map((r) => r.path),
      );
      const paths = [...new Set([...pages, ...writable])];
      for (const target of targets) {
        const q = new URLSearchParams({
          next: target,
          redirect: target,
          returnTo: target,
          return_to: target,
          url: target,
          continue: target,
        });
        for (const path of paths) {
          for (const method of writable.has(path) ? ["GET", "POST"] : ["GET"]) {
            const res = await signedIn(`${path}?${q}`, {
              method,
              headers: method === "POST"
                ? { "content-type": "application/x-www-form-urlencoded" }
                : {},
              body: method === "POST" ? q : undefined,
            });
            await res.body?.cancel();
            const location = res.headers.get("location");
            if (location) {
              assertEquals(
                new URL(location, app.url).origin,
                new URL(app.url).origin,
                `${method} ${path} redirected to ${location}`,
              );
            }
          }
        }
      }
      for (const path of ["//evil.example/", "/\\evil.example/", "/%2F%2Fevil.example/"]) {
        const res = await fetch(app.url + path, { redirect: "manual" });
        await res.body?.cancel();
        const location = res.headers.get("location");
        if (location) assertEquals(new URL(location, app.url).origin, new URL(app.url).origin);
      }
    });

    await t.step("path traversal on static files is refused", async () => {
      const attempts = [
        "/../deno.json",
        "/..%2fdeno.json",
        "/%2e%2e/deno.json",
        "/%2e%2e%2fdeno.json",
        "/styles.css/..%2f..%2fdeno.json",
        "/..%5cdeno.json",
        "/static/../../deno.json",
        "/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc/passwd",
        "/..%252fdeno.json",
        "/.env",
        "/data/secrets.json",
        "/%00/deno.json",
        "/_islands/..%2f..%2fdeno.json",
      ];
      for (const path of attempts) {
        const res = await anon(path);
        const text = await res.text();
        assert(res.status >= 400 || !text.includes("nodeModulesDir"), `${path} leaked deno.json`);
        assertNotIncludes(text, "root:x:0:0", path);
        assertNotIncludes(text, "SESSION_SECRETS", path);
        assert(res.status < 500, `${path}: ${res.status}`);
      }
    });

    await t.step(
      "oversized, compressed, mistyped and malformed bodies get 413, 415 and 400",
      async () => {
        const post = (path: string, body: BodyInit, headers: HeadersInit) =>
          anon(path, { method: "POST", headers, body });
        const json = { "content-type": "application/json" };
        const cases: [string, Promise<Response>, number, string][] = [
          [
            "declared too large",
            post("/api/leads", "x".repeat(2 * 1024 * 1024), json),
            413,
            "payload_too_large",
          ],
          [
            "streamed too large",
            post(
              "/api/leads",
              new ReadableStream(
                {
                  pull(c) {
                    c.enqueue(new Uint8Array(256 * 1024).fill(32));
                    if (++this.n > 8) c.close();
                  },
                  n: 0,
                } as UnderlyingDefaultSource<Uint8Array> & { n: number },
              ),
              json,
            ),
            413,
            "payload_too_large",
          ],
          ["malformed JSON", post("/api/leads", '{"name": "x",', json), 400, "invalid_json"],
          [
            "invalid UTF-8",
            post("/api/runs", new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), json),
            400,
            "invalid_json",
          ],
          [
            "XML",
            post("/api/leads", "<lead/>", { "content-type": "application/xml" }),
            415,
            "unsupported_media_type",
          ],
          [
            "no type",
            post("/api/runs", "hello", { "content-type": "" }),
            415,
            "unsupported_media_type",
          ],
          [
            "gzip",
            post("/api/leads", "{}", { ...json, "content-encoding": "gzip" }),
            415,
            "unsupported_media_type",
          ],
          [
            "broken multipart",
            post("/api/leads", "--x\r\nnot really", {
              "content-type": "multipart/form-data",
            }),
            400,
            "malformed_body",
          ],
          [
            "big CSP report",
            post("/api/csp-reports", "x".repeat(20_000), {
              "content-type": "application/csp-report",
            }),
            413,
            "payload_too_large",
          ],
        ];
        for (const [name, pending, status, code] of cases) {
          const res = await pending;
          const body = await res.json();
          assertEquals([res.status, body.error.code], [status, code], name);
        }
      },
    );

    await t.step("cookies carry the right flags", async () => {
      const agents = (await (await anon("/api/agents")).json()).agents;
      const visitor = await anon("/api/runs", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ agent: agents[0].id, input: agents[0].example }),
      });
      assertEquals(visitor.status, 202);
      await visitor.body?.cancel();
      visitor.headers.forEach((v, k) => k === "set-cookie" && cookiesSeen.push(v));
      const local = await sessionCookie(app.services, new URL(app.url), {
        id: "s1",
        expiresAt: Date.now() + 60_000,
      } as never);
      cookiesSeen.push(local);
      const prod = await sessionCookie(
        { settings: { ...app.services.settings, env: "production" } },
        new URL("https://relay.example/"),
        { id: "s2", expiresAt: Date.now() + 60_000 } as never,
      );
      assert(prod.startsWith("__Host-session="), prod);
      for (const flag of ["Secure", "HttpOnly", "SameSite=Lax", "Path=/"]) {
        assertStringIncludes(prod, flag);
      }
      assertNotIncludes(prod.toLowerCase(), "domain=");
      assert(cookiesSeen.length >= 2, `cookies seen: ${cookiesSeen.length}`);
      for (const c of cookiesSeen) {
        assertStringIncludes(c, "Path=/", c);
        assert(/SameSite=(Lax|Strict)/.test(c), `SameSite on ${c}`);
        const name = c.split("=")[0];
        if (!/consent/.test(name)) assertStringIncludes(c, "HttpOnly", c);
      }
    });

    await t.step("CSP violation reports are validated, and logged without queries", async () => {
      const lines: string[] = [];
      const restore = setLogSink((l) => lines.push(l));
      setLogLevel("warn");
      try {
        const legacy = await anon("/api/csp-reports", {
          method: "POST",
          headers: { "content-type": "application/csp-report" },
          body: JSON.stringify({
            "csp-report": {
              "document-uri": `${app.url}/pricing?token=abc123`,
              "blocked-uri": "https://cdn.evil.example/x.js?k=secretvalue",
              "violated-directive": "script-src-elem 'self'",
            },
          }),
        });
        assertEquals(legacy.status, 204);
        const modern = await anon("/api/csp-reports", {
          method: "POST",
          headers: { "content-type": "application/reports+json" },
          body: JSON.stringify([{
            type: "csp-violation",
            body: {
              documentURL: `${app.url}/`,
              blockedURL: "inline",
              effectiveDirective: "style-src",
            },
          }, { type: "deprecation", body: {} }]),
        });
        assertEquals(modern.status, 204);
        const bad = await anon("/api/csp-reports", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ hello: "world" }),
        });
        assertEquals(bad.status, 400);
        await bad.body?.cancel();
      } finally {
        restore();
        setLogLevel("error");
      }
      const logged = lines.map((l) => JSON.parse(l)).filter((e) => e.msg === "csp violation");
      assertEquals(logged.map((e) => e.directive), ["script-src-elem", "style-src"]);
      assertEquals(logged[0].blocked, "https://cdn.evil.example/x.js");
      assertEquals(logged[0].document, `${app.url}/pricing`);
      assertNotIncludes(lines.join("\n"), "secretvalue");
      assertNotIncludes(lines.join("\n"), "abc123");
    });

    await t.step("pages carry the CSP and hardening headers", async () => {
      const res = await anon("/");
      await res.body?.cancel();
      const csp = res.headers.get("content-security-policy") ?? "";
      for (
        const d of [
          "default-src 'self'",
          "script-src 'self'",
          "object-src 'none'",
          "base-uri 'self'",
          "frame-ancestors 'none'",
          "form-action 'self'",
          "report-uri /api/csp-reports",
          "report-to csp-endpoint",
        ]
      ) assertStringIncludes(csp, d);
      assertNotIncludes(csp, "unsafe-inline");
      assertNotIncludes(csp, "hcaptcha");
      assertStringIncludes(contentSecurityPolicy({ hcaptcha: true }), "https://*.hcaptcha.com");
      assertEquals(res.headers.get("x-content-type-options"), "nosniff");
      assertEquals(res.headers.get("referrer-policy"), "strict-origin-when-cross-origin");
      assertEquals(res.headers.get("cross-origin-opener-policy"), "same-origin");
      assertStringIncludes(res.headers.get("permissions-policy") ?? "", "camera=()");
      assertEquals(
        res.headers.get("strict-transport-security"),
        null,
        "no HSTS outside production",
      );
      assertStringIncludes(res.headers.get("reporting-endpoints") ?? "", "/api/csp-reports");
    });
  } finally {
    await app.stop();
  }
});
