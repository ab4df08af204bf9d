/** Plain SQL migrations (`migrations/NNNN_name.sql`), applied in order and checksummed. */
import type { Db } from "./types.ts";

/** Options of {@link migrate}. */
export interface MigrateOptions {
  /** Folder of `NNNN_name.sql` files (default: this module's migrations/). */
  dir?: string | URL;
}

interface Migration {
  version: number;
  name: string;
  file: string;
  sql: string;
  checksum: string;
}

const FILE = /^(\d{4})_([a-z0-9_]+)\.sql$/;

const CREATE_TABLE = `create table if not exists schema_migrations (
  version integer primary key,
  name text not null,
  checksum text not null,
  applied_at timestamptz not null default now()
)`;

/** Serializes migrators of one schema (two replicas starting together); ends with the tx. */
const LOCK = "select pg_advisory_xact_lock(hashtext(current_schema() || '.schema_migrations'))";

/**
 * Applies pending migrations, each in its own transaction, and records them in
 * `schema_migrations`. Throws, naming the file, if an applied migration has been edited.
 */
export async function migrate(
  db: Db,
  options: MigrateOptions = {},
): Promise<{ applied: string[] }> {
  const migrations = await readMigrations(options.dir ?? new URL("./migrations/", import.meta.url));
  await db.transaction(async (tx) => {
    await tx.query(LOCK);
    await tx.exec(CREATE_TABLE);
  });
  const done = new Map(
    (await db.query<{ version: number; checksum: string }>(
      "select version, checksum from schema_migrations",
    )).map((r) => [r.version, r.checksum]),
  );
  for (const m of migrations) {
    const checksum = done.get(m.version);
    if (checksum !== undefined && checksum !== m.checksum) {
      throw new Error(
        `migration ${m.file} was changed after it was applied (checksum mismatch); ` +
          "restore it and put the change in a new migration",
      );
    }
  }
  const applied: string[] = [];
  for (const m of migrations.filter((m) => !done.has(m.version))) {
    const ran = await db.transaction(async (tx) => {
      await tx.query(LOCK);
      const [row] = await tx.query<{ checksum: string }>(
        "select checksum from schema_migrations where version = $1",
        [m.version],
      );
      if (row) return false; // another process applied it meanwhile
      await tx.exec(m.sql);
      await tx.query(
        "insert into schema_migrations (version, name, checksum) values ($1, $2, $3)",
        [m.version, m.name, m.checksum],
      );
      return true;
    });
    if (ran) applied.push(m.file);
  }
  return { applied };
}

async function readMigrations(dir: string | URL): Promise<Migration[]> {
  const base = typeof dir === "string" ? dir.replace(/\/*$/, "/") : dir;
  const out: Migration[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const match = entry.isFile && FILE.exec(entry.name);
    if (!match) continue;
    const sql = await Deno.readTextFile(
      typeof base === "string" ? base + entry.name : new URL(entry.name, base),
    );
    out.push({
      version: Number(match[1]),
      name: match[2],
      file: entry.name,
      sql,
      checksum: await sha256(sql),
    });
  }
  out.sort((a, b) => a.version - b.version);
  for (let i = 1; i < out.length; i++) {
    if (out[i].version === out[i - 1].version) {
      throw new Error(`migrations ${out[i - 1].file} and ${out[i].file} share a version`);
    }
  }
  return out;
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
