/**
 * The attack suites' target and tools: an app with a signed-in member of the site workspace,
 * every route of the manifest as a concrete path, the POST forms of a page filled with a
 * payload, and checks that a response is neither a 5xx nor an unescaped payload.
 */
import { assert, assertNotIncludes } from "./assert.ts";
import { startTestApp, type TestApp } from "./app.ts";
import { createMember } from "./members.ts";
import manifest from "../../fresh.gen.ts";
import { createSession, sessionCookie } from "../../lib/auth/session.ts";

/** An XSS payload: a script tag, an attribute break-out, an event handler. */
export const XSS =
  `<script>alert("xss1")</script>"><img src=x onerror=alert(2)><svg onload=alert(3)>`;
const RAW_MARKERS = ['<script>alert("xss1")', "<img src=x onerror", "<svg onload"];
/** SQL metacharacters that must be stored verbatim. */
export const SQL = `Robert'); DROP TABLE leads;-- "q" \\ %_ $1 ; select pg_sleep(5)`;
/** A foreign origin. */
export const EVIL = "https://evil.example";
/** The site workspace of the target app. */
export const SITE = "attack-site";

let ipCounter = 0;
/** A distinct client address per request, so per-IP rate limits never mask a result. */
export const nextIp = () => `198.18.${(++ipCounter >> 8) & 255}.${ipCounter & 255}`;

/** Requests to `app` from a new client address each time, with `cookie` and a same-origin Origin on writes. */
export function client(app: TestApp, cookie?: string) {
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
export function concreteRoutes(workspace: string) {
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
export function formsOf(page: string, html: string, payload: string): Form[] {
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

/** Fails when `html` holds a payload unescaped. */
export function assertEscaped(html: string, where: string) {
  for (const marker of RAW_MARKERS) assertNotIncludes(html, marker, `raw payload in ${where}`);
}

/** Reads a response; HTML must hold no raw payload, and nothing may be a 5xx. */
export async function check(res: Response, where: string): Promise<string> {
  if ((res.headers.get("content-type") ?? "").includes("text/event-stream")) {
    await res.body?.cancel();
    return "";
  }
  const text = await res.text();
  assert(res.status < 500, `${where} answered ${res.status}: ${text.slice(0, 300)}`);
  if ((res.headers.get("content-type") ?? "").includes("text/html")) assertEscaped(text, where);
  return text;
}

/** Starts the target app with a signed-in member; `freshSession()` signs the member in again. */
export async function startAttackTarget() {
  const app = await startTestApp({
    env: { TRUSTED_PROXY: "true", LEAD_MIN_FILL_SECONDS: "0", SITE_WORKSPACE: SITE },
  });
  try {
    const member = await createMember(
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
    const routes = concreteRoutes(slug);
    const pages = routes.filter((r) => !r.dynamic && r.methods.includes("GET")).map((r) => r.path);
    return { app, member, slug, anon, freshSession, routes, pages };
  } catch (e) {
    await app.stop();
    throw e;
  }
}
