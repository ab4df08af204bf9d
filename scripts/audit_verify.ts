/**
 * `deno task audit:verify`: checks the audit chain in the configured database and names the
 * first bad row. Exits 0 when the chain verifies, 1 when it does not, 2 when it cannot run.
 */
import { loadSettings } from "../lib/config.ts";
import { migrate, openDb } from "../lib/db/mod.ts";
import { verifyAuditChain } from "../lib/audit/verify.ts";

if (import.meta.main) {
  try {
    const db = await openDb(await loadSettings());
    try {
      await migrate(db);
      const result = await verifyAuditChain(db);
      if (result.ok) {
        console.log(`audit chain verifies: ${result.rows} rows`);
      } else {
        console.log(
          `audit chain BROKEN at row ${result.firstBad!.id}: ${result.firstBad!.reason} ` +
            `(${result.rows} rows before it verify)`,
        );
      }
      Deno.exitCode = result.ok ? 0 : 1;
    } finally {
      await db.close();
    }
  } catch (error) {
    console.error(`audit:verify could not run: ${(error as Error).message}`);
    Deno.exitCode = 2;
  }
}
