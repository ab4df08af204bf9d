/** The shapes shared by sessions, authorization and the account pages. */

/** Workspace roles, most powerful first. */
export const ROLES = ["owner", "admin", "member"] as const;

/** One of {@link ROLES}. */
export type Role = typeof ROLES[number];

/** A signed-in person (a row of `users`). */
export interface AuthUser {
  id: string;
  email: string;
  name: string | null;
}

/** A workspace (a row of `tenants`) as seen by one member, with that member's role. */
export interface AuthWorkspace {
  id: string;
  slug: string;
  name: string;
  plan: string;
  role: Role;
}

/** A signed-in browser session, stored in KV at `["sessions", id]`. */
export interface Session {
  id: string;
  userId: string;
  /** The workspace the session is currently working in. */
  workspaceId: string | null;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Epoch milliseconds of the last request seen (updated at most once a minute). */
  lastSeenAt: number;
  /** Epoch milliseconds after which the session ends whatever its activity (absolute expiry). */
  expiresAt: number;
  /** A short description of the browser, shown in the list of active sessions. */
  userAgent: string;
}
