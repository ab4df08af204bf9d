/**
 * Framework settings, as in Fresh's fresh.config.ts. Runtime settings (port, host, data) come
 * from the environment through lib/config.ts; this file holds what the build needs.
 */
import type { FreshConfig } from "./lib/framework/mod.ts";

const config: FreshConfig = {
  islands: {
    /** The island boot module reports uncaught errors and failed islands through this. */
    errorReporter: "./lib/telemetry/browser.ts",
    /** Plain DOM code every page runs: the consent banner and page tracking. */
    pageScript: "./lib/page_script/mod.ts",
  },
};

export default config;
