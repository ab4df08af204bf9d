/**
 * `deno task audit:verify`: checks the audit chain in the configured database against
 * `AUDIT_KEYS` and the head anchored in KV, and names the first bad row. Exits 0 when the chain
 * verifies, 1 when it does not, 2 when it cannot run.
 */
import { openKv } from "../kv/open.ts";
import { loadSettings } from "../lib/config.ts";
import { migrate, openDb } from "../lib/db/mod.ts";
import { verifyAuditTrail } from "../lib/audit/verify.ts";

if (import.meta.main) {
  try {
    const settings = await loadSettings();
    const db = await openDb(settings);
    const kv = await openKv(settings);
    try {
      await migrate(db);
      const result = await verifyAuditTrail({ db, kv, settings });
      if (result.ok) {
        const unsealed = result.unsealed
          ? ` (the first ${result.unsealed} predate the audit key and are not sealed)`
          : "";
        console.log(`audit chain verifies: ${result.rows} rows${unsealed}`);
      } else {
        console.log(
          `audit chain BROKEN at row ${result.firstBad!.id}: ${result.firstBad!.reason} ` +
            `(${result.rows} rows before it verify)`,
        );
      }
      Deno.exitCode = result.ok ? 0 : 1;
    } finally {
      kv.close();
      await db.close();
    }
  } catch (error) {
    console.error(`audit:verify could not run: ${(error as Error).message}`);
    Deno.exitCode = 2;
  }
}
