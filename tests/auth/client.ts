/**
 * A tiny cookie-keeping HTTP client for account tests: follows no redirects (tests assert
 * them), remembers cookies the app sets, and posts forms the way a browser does (with Origin).
 */
import type { TestApp } from "../support/app.ts";

/** One `Set-Cookie` header, parsed. */
export interface SetCookie {
  name: string;
  value: string;
  attributes: Record<string, string | true>;
}

/** Parses a `Set-Cookie` value. */
export function parseSetCookie(header: string): SetCookie {
  const [pair, ...attrs] = header.split(";").map((s) => s.trim());
  const eq = pair.indexOf("=");
  const attributes: Record<string, string | true> = {};
  for (const a of attrs) {
    const i = a.indexOf("=");
    attributes[(i < 0 ? a : a.slice(0, i)).toLowerCase()] = i < 0 ? true : a.slice(i + 1);
  }
  return { name: pair.slice(0, eq), value: pair.slice(eq + 1), attributes };
}

/** A browser-like client bound to one app. */
export class Client {
  readonly cookies = new Map<string, string>();
  /** Every Set-Cookie seen, newest last. */
  readonly setCookies: SetCookie[] = [];

  readonly headers: Record<string, string>;

  /**
   * Each client comes from its own address (`X-Forwarded-For`, honoured by test apps started
   * with `TRUSTED_PROXY=true`), so per-IP sign-in limits apply per simulated device.
   */
  constructor(readonly app: { url: string }, headers: Record<string, string> = {}) {
    const ip = `198.51.100.${1 + Math.floor(Math.random() * 254)}`;
    this.headers = { "x-forwarded-for": ip, ...headers };
  }

  /** Fetches a path or absolute URL without following redirects. */
  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    for (const [k, v] of Object.entries(this.headers)) if (!headers.has(k)) headers.set(k, v);
    if (this.cookies.size && !headers.has("cookie")) {
      headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    }
    const res = await fetch(new URL(path, this.app.url), { ...init, headers, redirect: "manual" });
    for (const raw of res.headers.getSetCookie()) {
      const c = parseSetCookie(raw);
      this.setCookies.push(c);
      if (c.attributes["max-age"] === "0" || c.value === "") this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  /** GETs a page and returns its status, location and body text. */
  async get(path: string, headers: HeadersInit = {}) {
    const res = await this.fetch(path, { headers });
    return {
      status: res.status,
      location: res.headers.get("location"),
      text: await res.text(),
      res,
    };
  }

  /** POSTs a form from the app's own origin. */
  async post(path: string, fields: Record<string, string>) {
    const res = await this.fetch(path, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: new URL(this.app.url).origin,
      },
      body: new URLSearchParams(fields),
    });
    return {
      status: res.status,
      location: res.headers.get("location"),
      text: await res.text(),
      res,
    };
  }
}

/** The newest message of the development outbox for `to` (via its JSON form). */
export async function latestMail(
  app: TestApp,
  to: string,
): Promise<{ subject: string; text: string }> {
  const res = await app.fetch("/dev/outbox", { headers: { accept: "application/json" } });
  const { emails } = await res.json() as {
    emails: { to: string; subject: string; text: string }[];
  };
  const mail = emails.find((m) => m.to === to);
  if (!mail) throw new Error(`no mail for ${to} in the outbox`);
  return mail;
}

/** The first link in a message's text that contains `path`. */
export function linkIn(text: string, path: string): string {
  const link = text.match(/https?:\/\/\S+/g)?.find((u) => u.includes(path));
  if (!link) throw new Error(`no ${path} link in: ${text}`);
  return link;
}

/** Signs `email` in through the magic-link flow of the outbox; returns the redirect target. */
export async function signInByEmail(client: Client, app: TestApp, email: string, next?: string) {
  const asked = await client.post("/signin", { email, ...(next ? { next } : {}) });
  if (asked.status !== 200) throw new Error(`sign-in request answered ${asked.status}`);
  const link = linkIn((await latestMail(app, email)).text, "/signin/verify");
  const token = new URL(link).searchParams.get("token")!;
  const done = await client.post("/signin/verify", { token });
  if (done.status !== 303) throw new Error(`verify answered ${done.status}: ${done.text}`);
  return done.location!;
}
