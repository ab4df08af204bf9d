import { assertEquals } from "../support/assert.ts";
import { isTrackedPage } from "../../lib/tracking/tracked_pages.ts";

Deno.test("the site's pages record page views, the operators' own pages do not", () => {
  for (const path of ["/", "/pricing", "/docs/getting-started", "/dashboards-guide", "/devices"]) {
    assertEquals(isTrackedPage(path), true, path);
  }
  for (
    const path of [
      "/dashboard",
      "/dashboard/acme/leads",
      "/account",
      "/signin/verify",
      "/dev/outbox",
    ]
  ) {
    assertEquals(isTrackedPage(path), false, path);
  }
});
