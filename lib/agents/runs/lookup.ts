/** Finds a run the caller may see, from KV (hot) or Postgres (after the KV record expired). */
import type { FreshContext } from "../../framework/mod.ts";
import { canView, runNotFound, viewerOf } from "./access.ts";
import { readRunRow } from "./persist.ts";
import { getRun } from "./record.ts";
import { type RunView, viewOfRecord, viewOfRow } from "./view.ts";

const RUN_ID = /^[0-9a-f]{32}$/;

/** The run `id` as the caller may see it, or a 404 (unknown and foreign runs alike). */
export async function visibleRun(
  ctx: Pick<FreshContext, "req" | "url" | "state">,
  id: string,
): Promise<RunView> {
  if (!RUN_ID.test(id)) throw runNotFound();
  const viewer = await viewerOf(ctx);
  const { kv, db } = ctx.state.services;
  const hot = await getRun(kv, id);
  if (hot) {
    if (!canView(hot.owner, viewer)) throw runNotFound();
    return viewOfRecord(hot);
  }
  const row = await readRunRow(db, id);
  if (!row) throw runNotFound();
  const owner = { tenantId: row.tenant_id, userId: row.user_id, visitorHash: row.visitor_hash };
  if (!canView(owner, viewer)) throw runNotFound();
  return viewOfRow(row);
}
