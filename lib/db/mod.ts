/**
 * The database: PostgreSQL (postgres.js) when DATABASE_URL names a server, otherwise embedded
 * PGlite under DATA_DIR/pglite ("memory://": in memory). One {@link Db} interface over both.
 */
import type { Settings } from "../config.ts";
import { openPglite } from "./pglite.ts";
import { openPostgres } from "./postgres.ts";
import type { Db } from "./types.ts";

export type { Db } from "./types.ts";
export { DbUnavailableError, isConnectionError } from "./errors.ts";
export { migrate, type MigrateOptions } from "./migrate.ts";
export { ping } from "./ping.ts";

/** Opens the database the settings name (does not migrate: call {@link migrate}). */
export function openDb(
  settings: Pick<Settings, "databaseUrl" | "databaseSchema" | "dataDir">,
): Promise<Db> {
  const { databaseUrl, databaseSchema: schema, dataDir } = settings;
  if (databaseUrl === "memory://") return openPglite({ schema });
  if (databaseUrl) return openPostgres({ url: databaseUrl, schema });
  return openPglite({ dataDir: `${dataDir.replace(/\/+$/, "")}/pglite`, schema });
}
