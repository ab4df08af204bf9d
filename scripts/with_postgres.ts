/**
 * Runs a command with DATABASE_URL set: the caller's when given, else a throwaway real
 * PostgreSQL started for the run and removed afterwards (also on Ctrl-C or SIGTERM).
 * Exits with the command's exit code. A leading `deno` runs this same Deno executable.
 *
 *   deno run -A scripts/with_postgres.ts deno test -A tests/chaos/
 */
import { startTestPostgres, type TestPostgres } from "./test_postgres.ts";

const SIGNALS: Deno.Signal[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/** Runs `command` (program and arguments) with DATABASE_URL set and returns its exit code. */
export async function runWithPostgres(command: string[]): Promise<number> {
  const [program, ...args] = command;
  if (!program) throw new Error("usage: with_postgres.ts <command> [args...]");
  let server: TestPostgres | undefined;
  let url = Deno.env.get("DATABASE_URL");
  if (!url) {
    const started = performance.now();
    server = await startTestPostgres();
    url = server.url;
    const ms = Math.round(performance.now() - started);
    console.error(`embedded PostgreSQL on ${new URL(url).host} (started in ${ms} ms)`);
  }
  const child = new Deno.Command(program === "deno" ? Deno.execPath() : program, {
    args,
    env: { DATABASE_URL: url },
    stdin: "inherit",
    stdout: "inherit",
    stderr: "inherit",
  }).spawn();
  const forward = SIGNALS.map((signal) => {
    const listener = () => {
      try {
        child.kill(signal);
      } catch { /* the child has already exited */ }
    };
    Deno.addSignalListener(signal, listener);
    return () => Deno.removeSignalListener(signal, listener);
  });
  try {
    return (await child.status).code;
  } finally {
    for (const remove of forward) remove();
    await server?.stop();
  }
}

if (import.meta.main) {
  Deno.exit(await runWithPostgres(Deno.args));
}
