/**
 * The database: PostgreSQL (postgres.js) when DATABASE_URL names a server, otherwise embedded
 * PGlite under DATA_DIR/pglite ("memory://": in memory). One {@link Db} interface over both.
 */
import type { Settings } from "../config.ts";
import type { Db } from "./types.ts";

export type { Db } from "./types.ts";
export { DbUnavailableError, isConnectionError } from "./errors.ts";
export { migrate, type MigrateOptions } from "./migrate.ts";
export { ping } from "./ping.ts";

/** Which backend the settings select. */
export function dbKind(settings: Pick<Settings, "databaseUrl">): Db["kind"] {
  return settings.databaseUrl && settings.databaseUrl !== "memory://" ? "postgres" : "pglite";
}

/**
 * Opens the database the settings name (does not migrate: call {@link migrate}). Only the
 * backend in use is loaded (each is a large module: PGlite's WASM, postgres.js).
 */
export async function openDb(
  settings:
    & Pick<Settings, "databaseUrl" | "databaseSchema" | "dataDir">
    & Partial<Pick<Settings, "pgliteSharedBuffers">>,
): Promise<Db> {
  const { databaseUrl, databaseSchema: schema, dataDir, pgliteSharedBuffers: sharedBuffers } =
    settings;
  if (dbKind(settings) === "postgres") {
    const { openPostgres } = await import("./postgres.ts");
    return openPostgres({ url: databaseUrl!, schema });
  }
  const { openPglite } = await import("./pglite.ts");
  if (databaseUrl === "memory://") return openPglite({ schema, sharedBuffers });
  return openPglite({ dataDir: `${dataDir.replace(/\/+$/, "")}/pglite`, schema, sharedBuffers });
}
