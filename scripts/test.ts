/**
 * `deno task test [deno test args]`: every test, database tests on PGlite and on a real
 * PostgreSQL (DATABASE_URL when given, else a throwaway server this run starts and removes).
 * Without a path among the arguments it runs `tests/`.
 */
import { runWithPostgres } from "./with_postgres.ts";

/** Whether an argument names a test file or folder (flags and their values do not exist). */
function isPath(arg: string): boolean {
  if (arg.startsWith("-")) return false;
  try {
    Deno.statSync(arg);
    return true;
  } catch {
    return false;
  }
}

if (import.meta.main) {
  const paths = Deno.args.some(isPath) ? [] : ["tests/"];
  Deno.exit(await runWithPostgres(["deno", "test", "-A", "--parallel", ...Deno.args, ...paths]));
}
