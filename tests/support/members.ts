/**
 * Test accounts for dashboard and feed tests: a user with a workspace, a signed session cookie
 * for it, and optionally a workspace API token, made through the real account functions.
 */
import { createApiToken } from "../../lib/auth/api_tokens.ts";
import { createSession, sessionCookie } from "../../lib/auth/session.ts";
import type { AuthWorkspace } from "../../lib/auth/types.ts";
import { createWorkspace } from "../../lib/auth/workspaces.ts";
import type { Services } from "../../lib/services.ts";

/** A signed-in member of a fresh workspace. */
export interface TestMember {
  userId: string;
  email: string;
  workspace: AuthWorkspace;
  /** `Cookie` header value carrying the session. */
  cookie: string;
  /** The raw cookie (name and value) for a browser context. */
  cookiePair: { name: string; value: string };
}

/** Creates a user, their workspace (named `workspaceName`) and a session for `baseUrl`. */
export async function createMember(
  services: Services,
  baseUrl: string,
  email: string,
  workspaceName: string,
): Promise<TestMember> {
  const [user] = await services.db.query<{ id: string }>(
    "insert into users (email, name) values ($1, $2) returning id",
    [email, email.split("@")[0]],
  );
  const workspace = await createWorkspace(services.db, user.id, workspaceName);
  const session = await createSession(services, { userId: user.id, workspaceId: workspace.id });
  const setCookie = await sessionCookie(services, new URL(baseUrl), session);
  const pair = setCookie.split(";")[0];
  const eq = pair.indexOf("=");
  return {
    userId: user.id,
    email,
    workspace,
    cookie: pair,
    cookiePair: { name: pair.slice(0, eq), value: pair.slice(eq + 1) },
  };
}

/** A workspace API token made by `member`. */
export async function createToken(services: Services, member: TestMember): Promise<string> {
  const { token } = await createApiToken(services.db, {
    tenantId: member.workspace.id,
    userId: member.userId,
    name: "test",
    expiresAt: null,
  });
  return token;
}
