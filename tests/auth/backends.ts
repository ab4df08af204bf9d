/** Runs an app-level test on each database backend: PGlite always, Postgres with DATABASE_URL. */
import { startTestApp, type TestApp, type TestAppOptions } from "../support/app.ts";

const DATABASE_URL = Deno.env.get("DATABASE_URL");

/**
 * Registers "<name> [pglite]" and "<name> [postgres]" (ignored without DATABASE_URL). Apps
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
      ignore: backend === "postgres" && !DATABASE_URL,
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
