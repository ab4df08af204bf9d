import type { AuthUser, AuthWorkspace, Session } from "./types.ts";

declare module "../framework/types.ts" {
  /** What the session middleware puts on every request's state (all absent when signed out). */
  interface State {
    /** The signed-in session, when the request carries a valid session cookie. */
    session?: Session;
    /** The signed-in user. */
    user?: AuthUser;
    /** The session's current workspace, with the user's role in it. */
    workspace?: AuthWorkspace;
    /** Every workspace the signed-in user belongs to, oldest membership first. */
    workspaces?: AuthWorkspace[];
  }
}
