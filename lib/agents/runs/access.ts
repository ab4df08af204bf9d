/**
 * Who may see a run. Runs started by a workspace member (session or API token) belong to that
 * workspace: its members see them, everyone else gets 404. Anonymous demo runs belong to the
 * visitor who started them: a random id in the HttpOnly `demo_visitor` cookie (`__Host-` on
 * https), of which only a SHA-256 hash is stored with the run; the run id itself is 128 random
 * bits, so it cannot be guessed either. Same-origin `EventSource` and `fetch` send the cookie.
 */
import { authorize } from "../../auth/authorize.ts";
import { readCookie, serializeCookie } from "../../auth/cookies.ts";
import { type FreshContext, HttpError } from "../../framework/mod.ts";
import { bearerToken } from "../../security/client_ip.ts";
import type { RunOwner } from "./record.ts";

/** Base name of the visitor cookie. */
export const VISITOR_COOKIE = "demo_visitor";

const VISITOR_MAX_AGE = 30 * 24 * 60 * 60;
const VISITOR_ID = /^[0-9a-f]{32}$/;

/** Who is asking, and the `Set-Cookie` to send when a visitor id was just made. */
export interface Viewer extends RunOwner {
  setCookie: string | null;
}

async function sha256Hex(text: string): Promise<string> {
  const bytes = new Uint8Array(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)),
  );
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function randomHex(bytes: number): string {
  return Array.from(
    crypto.getRandomValues(new Uint8Array(bytes)),
    (b) => b.toString(16).padStart(2, "0"),
  ).join("");
}

/** A new unguessable run id: 128 random bits as 32 hex characters. */
export function newRunId(): string {
  return randomHex(16);
}

type Ctx = Pick<FreshContext, "req" | "url" | "state">;

/**
 * The caller: a workspace member (API token, or a session with a workspace), else an anonymous
 * visitor. With `create`, a visitor without a cookie gets a new id (and `setCookie`).
 */
export async function viewerOf(ctx: Ctx, { create = false } = {}): Promise<Viewer> {
  const { settings } = ctx.state.services;
  let tenantId: string | null = null;
  let userId: string | null = null;
  if (bearerToken(ctx.req) !== null) {
    const who = await authorize(ctx);
    tenantId = who.workspace.id;
    userId = who.user.id;
  } else if (ctx.state.session) {
    const who = await authorize(ctx).catch((e) => {
      if (e instanceof HttpError && e.status < 500) return null;
      throw e;
    });
    tenantId = who?.workspace.id ?? null;
    userId = who?.user.id ?? null;
  }
  let visitor = readCookie(settings, ctx.req, ctx.url, VISITOR_COOKIE);
  if (visitor !== null && !VISITOR_ID.test(visitor)) visitor = null;
  let setCookie: string | null = null;
  if (!visitor && create && !tenantId) {
    visitor = randomHex(16);
    setCookie = serializeCookie(settings, ctx.url, VISITOR_COOKIE, visitor, VISITOR_MAX_AGE);
  }
  return { tenantId, userId, visitorHash: visitor ? await sha256Hex(visitor) : null, setCookie };
}

/** True when `viewer` may see a run owned by `owner`. */
export function canView(owner: RunOwner, viewer: RunOwner): boolean {
  if (owner.tenantId) return owner.tenantId === viewer.tenantId;
  return owner.visitorHash !== null && owner.visitorHash === viewer.visitorHash;
}

/** The 404 every inaccessible or unknown run answers (no enumeration). */
export function runNotFound(): HttpError {
  return new HttpError(404, "not_found", "There is no such run.");
}
