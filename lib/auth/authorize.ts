/**
 * The one access check for every dashboard page and API: who is calling (a session cookie or a
 * workspace API token in `Authorization: Bearer ...`), whether they belong to the workspace in
 * the URL (or the token's workspace), and whether their role is allowed. Workspaces the caller
 * does not belong to answer 404 exactly like workspaces that do not exist (no enumeration).
 */
import { type FreshContext, HttpError, redirect, wantsJson } from "../framework/mod.ts";
import { bearerToken } from "../security/client_ip.ts";
import { verifyApiToken } from "./api_tokens.ts";
import type { AuthUser, AuthWorkspace, Role } from "./types.ts";
import { workspaceForUser } from "./workspaces.ts";
import { addLogContext } from "../telemetry/log.ts";

/** What {@link authorize} checks. */
export interface AuthorizeOptions {
  /** The workspace slug or id from the URL; absent: the session's (or token's) workspace. */
  workspace?: string;
  /** Roles allowed (default: every role). */
  roles?: readonly Role[];
}

/** Who may proceed, in which workspace, with which role. */
export interface Authorized {
  user: AuthUser;
  workspace: AuthWorkspace;
  role: Role;
  via: "session" | "token";
  /** The API token's id when `via` is "token". */
  tokenId?: string;
}

const notFound = () => new HttpError(404, "not_found", "There is nothing at this address.");

/** Where an unauthenticated browser is sent: `/signin?next=<this path>`. */
export function signInPath(url: URL): string {
  return `/signin?next=${encodeURIComponent(url.pathname + url.search)}`;
}

function unauthenticated(ctx: Pick<FreshContext, "req" | "url">): HttpError {
  const method = ctx.req.method;
  if ((method === "GET" || method === "HEAD") && !wantsJson(ctx.req, ctx.url)) {
    return new HttpError(
      303,
      "sign_in_required",
      "Please sign in to continue.",
      redirect(signInPath(ctx.url)).headers,
    );
  }
  return new HttpError(401, "unauthorized", "Please sign in to continue.", {
    "www-authenticate": 'Bearer realm="relay"',
  });
}

/**
 * Decides access or throws: 401 (not signed in; HTML GET requests get a 303 to
 * `/signin?next=...` instead), 404 (not a member of that workspace, or no such workspace),
 * 403 (member, but the role is not allowed), 503 (the database is unreachable).
 */
export async function authorize(
  ctx: Pick<FreshContext, "req" | "url" | "state">,
  options: AuthorizeOptions = {},
): Promise<Authorized> {
  const { db } = ctx.state.services;
  const token = bearerToken(ctx.req);
  let result: Authorized;
  if (token !== null) {
    const found = await verifyApiToken(db, token);
    if (!found) {
      throw new HttpError(401, "invalid_token", "The API token is not valid.", {
        "www-authenticate": 'Bearer realm="relay", error="invalid_token"',
      });
    }
    const w = found.workspace;
    if (options.workspace !== undefined && options.workspace !== w.slug) {
      if (options.workspace.toLowerCase() !== w.id) throw notFound();
    }
    result = { user: found.user, workspace: w, role: w.role, via: "token", tokenId: found.tokenId };
  } else {
    const { session, user } = ctx.state;
    if (!session) throw unauthenticated(ctx);
    if (!user) {
      throw new HttpError(503, "unavailable", "Accounts are temporarily unavailable.", {
        "retry-after": "5",
      });
    }
    const workspace = options.workspace === undefined
      ? ctx.state.workspace
      : options.workspace === ctx.state.workspace?.slug
      ? ctx.state.workspace
      : await workspaceForUser(db, user.id, options.workspace);
    if (!workspace) throw notFound();
    result = { user, workspace, role: workspace.role, via: "session" };
  }
  addLogContext({ userId: result.user.id, workspaceId: result.workspace.id });
  if (options.roles && !options.roles.includes(result.role)) {
    throw new HttpError(403, "forbidden", "Your role in this workspace does not allow this.");
  }
  return result;
}
