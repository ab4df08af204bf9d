/** What the dashboard middleware puts on the state of every `/dashboard/:workspace/*` request. */
import type { Authorized } from "../auth/authorize.ts";
import type { AuthWorkspace } from "../auth/types.ts";
import type { SiteWorkspace } from "../tracking/feeds.ts";
import type { DataScope } from "./scope.ts";

declare module "../framework/types.ts" {
  /** Dashboard requests carry the caller's access decision for the workspace in the URL. */
  interface State {
    dashboard?: Authorized;
    /** The rows the workspace's dashboard reads (its own; the site's also anonymous ones). */
    dashboardScope?: DataScope;
    /** Every workspace the caller belongs to (the app shell's workspace switcher). */
    dashboardWorkspaces?: AuthWorkspace[];
    /** Where the site's own traffic goes (the overview says so). */
    siteWorkspace?: SiteWorkspace | null;
  }
}
