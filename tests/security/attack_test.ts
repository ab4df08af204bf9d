/**
 * The attack suite: XSS payloads into every form and JSON endpoint that exists (found from the
 * route manifest and the pages' forms, so new ones are covered), escaped wherever rendered; SQL
 * metacharacters stored verbatim; cross-origin writes refused; open redirects and static path
 * traversal refused; oversized, compressed, mistyped and malformed bodies refused; cookie flags
 * and security headers.
 */
import {
  assert,
  assertEquals,
  assertNotIncludes,
  assertStringIncludes,
} from "../support/assert.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { createMember, type TestMember } from "../support/members.ts";
import { eventually, oldToken, solvedAltcha } from "../support/leads.ts";
import manifest from "../../fresh.gen.ts";
import { createSession, sessionCookie } from "../../lib/auth/session.ts";
import { contentSecurityPolicy } from "../../lib/http/security_headers.ts";
import { setLogLevel, setLogSink } from "../../lib/telemetry/log.ts";

const XSS = `<script>alert("xss1")</script>"><img src=x onerror=alert(2)><svg onload=alert(3)>`;
const RAW_MARKERS = ['<script>alert("xss1")', "<img src=x onerror", "<svg onload"];
const SQL = `Robert'); DROP TABLE leads;-- "q" \\ %_ $1 ; select pg_sleep(5)`;
const EVIL = "https://evil.example";
const SITE = "attack-site";

let ipCounter = 0;
/** A distinct client address per request, so per-IP rate limits never mask a result. */
const nextIp = () => `198.18.${(++ipCounter >> 8) & 255}.${ipCounter & 255}`;

function client(app: TestApp, cookie?: string) {
  return (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set("x-forwarded-for", nextIp());
    if (cookie && !headers.has("cookie")) headers.set("cookie", cookie);
    if (init.method && init.method !== "GET" && !headers.has("origin")) {
      headers.set("origin", app.url);
    }
    return app.fetch(path, { redirect: "manual", ...init, headers });
  };
}

/** Every route of the manifest as a concrete path, with the methods its handler answers. */
function concreteRoutes(workspace: string) {
  const out: { path: string; methods: string[]; dynamic: boolean }[] = [];
  for (const [key, mod] of Object.entries(manifest.routes)) {
    const file = key.replace(/^\.\/routes/, "").replace(/\.(tsx?|jsx?)$/, "");
    if (file.split("/").some((s) => s.startsWith("_"))) continue;
    const dynamic = /\[(?!workspace\])/.test(file);
    const path = file.replace(/\/index$/, "").replace(/\([^)]*\)\//g, "")
      .replace("[workspace]", workspace).replace(/\[\.\.\.[^\]]+\]/g, "getting-started")
      .replace(/\[[^\]]+\]/g, "00000000-0000-4000-8000-000000000000") || "/";
    const h = mod.handler;
    const methods = typeof h === "function" || Array.isArray(h)
      ? ["GET", "POST"]
      : h
      ? Object.keys(h)
      : ["GET"];
    out.push({ path, methods, dynamic });
  }
  return out;
}

const decode = (s: string) =>
  s.replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">").replaceAll("&amp;", "&");
const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`, "i").exec(tag)?.[1];

interface Form {
  page: string;
  action: string;
  fields: [string, string][];
}

/** The POST forms of a page, each filled: text fields get the payload, hidden fields keep theirs. */
function formsOf(page: string, html: string, payload: string): Form[] {
  const forms: Form[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const [, open, inner] = m;
    if ((attr(open, "method") ?? "get").toLowerCase() !== "post") continue;
    const action = decode(attr(open, "action") ?? page);
    const fields: [string, string][] = [];
    for (const tag of inner.matchAll(/<(input|textarea|select)\b[^>]*>/gi)) {
      const name = attr(tag[0], "name");
      if (!name) continue;
      const type = (attr(tag[0], "type") ?? "text").toLowerCase();
      const value = decode(attr(tag[0], "value") ?? "");
      if (type === "hidden") fields.push([name, value]);
      else if (type === "checkbox" || type === "radio") fields.push([name, value || "on"]);
      else if (tag[1].toLowerCase() === "select") fields.push([name, value]);
      else if (["submit", "button", "file", "image"].includes(type)) continue;
      else fields.push([name, type === "email" ? `a${Date.now()}@example.com` : payload]);
    }
    for (const ta of inner.matchAll(/<textarea\b[^>]*name="([^"]+)"/gi)) {
      if (!fields.some(([n]) => n === ta[1])) fields.push([ta[1], payload]);
    }
    forms.push({ page, action, fields });
  }
  return forms;
}

function assertEscaped(html: string, where: string) {
  for (const marker of RAW_MARKERS) assertNotIncludes(html, marker, `raw payload in ${where}`);
}

/** Reads a response; HTML must hold no raw payload, and nothing may be a 5xx. */
async function check(res: Response, where: string): Promise<string> {
  if ((res.headers.get("content-type") ?? "").includes("text/event-stream")) {
    await res.body?.cancel();
    return "";
  }
  const text = await res.text();
  assert(res.status < 500, `${where} answered ${res.status}: ${text.slice(0, 300)}`);
  if ((res.headers.get("content-type") ?? "").includes("text/html")) assertEscaped(text, where);
  return text;
}

Deno.test("attack suite", async (t) => {
  const app = await startTestApp({
    env: { TRUSTED_PROXY: "true", LEAD_MIN_FILL_SECONDS: "0", SITE_WORKSPACE: SITE },
  });
  try {
    const member: TestMember = await createMember(
      app.services,
      app.url,
      "attacker-target@example.com",
      SITE,
    );
    const slug = member.workspace.slug;
    const anon = client(app);
    /** A new session of the member (the crawl submits sign-out forms too). */
    const freshSession = async () => {
      const session = await createSession(app.services, {
        userId: member.userId,
        workspaceId: member.workspace.id,
      });
      return (await sessionCookie(app.services, new URL(app.url), session)).split(";")[0];
    };
    let signedIn = client(app, member.cookie);
    const routes = concreteRoutes(slug);
    const cookiesSeen: string[] = [];
    const pages = routes.filter((r) => !r.dynamic && r.methods.includes("GET")).map((r) => r.path);

    await t.step("XSS payloads in every form are escaped wherever they come back", async () => {
      let forms = 0;
      for (const who of [anon, signedIn]) {
        for (const page of pages) {
          const res = await who(page, { headers: { accept: "text/html" } });
          res.headers.forEach((v, k) => k === "set-cookie" && cookiesSeen.push(v));
          const html = await check(res, `GET ${page}`);
          for (const form of formsOf(page, html, XSS)) {
            forms++;
            const body = new URLSearchParams(form.fields);
            const posted = await who(form.action, {
              method: "POST",
              headers: {
                "content-type": "application/x-www-form-urlencoded",
                accept: "text/html",
              },
              body,
            });
            await check(posted, `POST ${form.action} (form on ${page})`);
          }
        }
      }
      assert(forms >= 2, `found ${forms} forms`);
    });

    await t.step("XSS payloads into every JSON endpoint get JSON back, never a 5xx", async () => {
      signedIn = client(app, await freshSession());
      const generic = {
        name: XSS,
        email: "x@example.com",
        company: XSS,
        message: XSS,
        text: XSS,
        query: XSS,
        q: XSS,
        title: XSS,
        type: XSS,
        kind: "error",
        agent: XSS,
        input: { text: XSS, question: XSS, url: XSS },
        events: [{ type: XSS, path: XSS }],
      };
      const apis = routes.filter((r) =>
        /^\/(api|demo)\//.test(r.path) && r.methods.some((m) => m !== "GET")
      );
      assert(apis.length >= 3, "JSON endpoints found");
      for (const r of apis) {
        for (const method of r.methods.filter((m) => m !== "GET")) {
          const res = await signedIn(r.path, {
            method,
            headers: { "content-type": "application/json" },
            body: JSON.stringify(generic),
          });
          const text = await check(res, `${method} ${r.path}`);
          if (res.status >= 400 && res.status !== 405) {
            assertStringIncludes(res.headers.get("content-type") ?? "", "application/json");
            assert(JSON.parse(text).error.code, `${r.path} error has a code`);
          }
        }
      }
    });

    await t.step(
      "a lead and a run carrying XSS and SQL are stored verbatim and shown escaped",
      async () => {
        signedIn = client(app, await freshSession());
        const lead = {
          name: `Eve ${XSS}`,
          email: "eve@example.com",
          company: SQL,
          message: `${XSS} ${SQL}`,
          consent: true,
          formToken: await oldToken(app.services),
          captcha: await solvedAltcha((p) => anon(p)),
          source: "contact",
        };
        const res = await anon("/api/leads", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(lead),
        });
        assert(res.status < 300, `lead accepted: ${res.status} ${await res.clone().text()}`);
        await res.body?.cancel();
        let stored: { id: string; company: string; message: string }[] = [];
        await eventually(
          async () => {
            stored = await app.services.db.query(
              "select id, company, message from leads where email = $1",
              ["eve@example.com"],
            );
            return stored.length === 1;
          },
          15_000,
          "the lead in Postgres",
        );
        assertEquals(stored[0].company, SQL, "SQL metacharacters stored verbatim");
        assertEquals(stored[0].message, `${XSS} ${SQL}`);
        for (
          const path of [`/dashboard/${slug}/leads`, `/dashboard/${slug}/leads/${stored[0].id}`]
        ) {
          const resp = await signedIn(path);
          assertEquals(resp.status, 200, path);
          const page = await check(resp, path);
          const i = page.indexOf("Eve");
          assertStringIncludes(
            page,
            "Eve &lt;script>",
            `${path}: ${page.slice(i - 200, i + 300)}`,
          );
        }

        const agents = (await (await anon("/api/agents")).json()).agents as {
          id: string;
          example: Record<string, unknown>;
        }[];
        const agent = agents[0];
        const input = Object.fromEntries(
          Object.entries(agent.example).map((
            [k, v],
          ) => [k, typeof v === "string" ? `${XSS} ${SQL}` : v]),
        );
        const started = await signedIn("/api/runs", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ agent: agent.id, input }),
        });
        const { runId } = JSON.parse(await check(started, "POST /api/runs"));
        assert(runId, "run started");
        const run = await (await signedIn(`/api/runs/${runId}`)).json();
        assertEquals(
          JSON.stringify(run).includes(JSON.stringify(`${XSS} ${SQL}`).slice(1, -1)),
          true,
        );
        const [row] = await app.services.db.query<{ input: unknown }>(
          "select input from agent_runs where id = $1",
          [runId],
        );
        if (row) assertStringIncludes(JSON.stringify(row.input), JSON.stringify(SQL).slice(1, -1));
        const page = await check(await signedIn(`/dashboard/${slug}/runs/${runId}`), "run page");
        assertNotIncludes(page, "<script>alert");
      },
    );

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
