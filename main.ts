/** Entry point: start the site and stop gracefully on SIGTERM/SIGINT. */
import { startApp } from "./lib/boot.ts";
import { SettingsError } from "./lib/config.ts";
import { logger } from "./lib/telemetry/log.ts";

/** A stop that takes longer than this exits anyway, naming the step it hung in. */
const SHUTDOWN_GRACE_MS = 30_000;

try {
  const app = await startApp({
    onListen: ({ hostname, port }) => console.log(`Listening on http://${hostname}:${port}/`),
    serveWhileWarming: true,
  });
  app.ready.catch((error) => {
    if (app.stopStep()) return;
    logger.error("database could not be prepared; stopping", { error });
    app.stop().finally(() => Deno.exit(1));
  });
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    Deno.addSignalListener(signal, () => {
      logger.info("shutting down", { signal });
      const overdue = setTimeout(() => {
        logger.error("graceful stop overdue; exiting", { step: app.stopStep() });
        Deno.exit(1);
      }, SHUTDOWN_GRACE_MS);
      app.stop().then(() => {
        clearTimeout(overdue);
        Deno.exit(0);
      }, (error) => {
        logger.error("graceful stop failed", { error, step: app.stopStep() });
        Deno.exit(1);
      });
    });
  }
} catch (error) {
  if (error instanceof SettingsError) {
    console.error(error.message);
    Deno.exit(78);
  }
  throw error;
}
