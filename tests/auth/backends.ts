/** Runs an app-level test on each database backend: PGlite and the DATABASE_URL PostgreSQL. */
import { startTestApp, type TestApp, type TestAppOptions } from "../support/app.ts";

/**
 * Registers "<name> [pglite]" and "<name> [postgres]" (failing without DATABASE_URL). Apps
 * trust `X-Forwarded-For` so each test client can stand for its own device.
 */
export function appTest(
  name: string,
  fn: (app: TestApp, t: Deno.TestContext) => Promise<void>,
  options: Omit<TestAppOptions, "backend"> = {},
): void {
  for (const backend of ["pglite", "postgres"] as const) {
    Deno.test({
      name: `${name} [${backend}]`,
      async fn(t) {
        const app = await startTestApp({
          ...options,
          env: { TRUSTED_PROXY: "true", ...options.env },
          backend,
        });
        try {
          await fn(app, t);
        } finally {
          await app.stop();
        }
      },
    });
  }
}
