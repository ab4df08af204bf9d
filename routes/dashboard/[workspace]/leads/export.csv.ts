import { recordAudit } from "../../../../lib/audit/record.ts";
import { leadFiltersSchema, leadsCsv } from "../../../../lib/dashboard/leads.ts";
import { parseQuery } from "../../../../lib/http/query.ts";
import "../../../../lib/dashboard/state.ts";
import type { Handlers } from "../../../../lib/framework/mod.ts";

/**
 * `GET /dashboard/:workspace/leads/export.csv`: the workspace's leads (optionally one status) as
 * CSV, streamed; formulas are neutralised. The export is recorded in `data_exports` and audited.
 */
export const handler: Handlers = {
  GET: async (ctx) => {
    const auth = ctx.state.dashboard!;
    const { services } = ctx.state;
    const { status } = parseQuery(leadFiltersSchema, ctx.url);
    await services.db.query(
      "insert into data_exports (tenant_id, user_id, kind) values ($1, $2, 'leads_csv')",
      [auth.workspace.id, auth.user.id],
    );
    await recordAudit(services, {
      actorId: auth.user.id,
      tenantId: auth.workspace.id,
      action: "lead.exported",
      target: `workspace:${auth.workspace.id}`,
      requestId: ctx.state.requestId,
      diff: status ? { status } : undefined,
    });
    const lines = leadsCsv(services.db, ctx.state.dashboardScope!, status);
    const enc = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { done, value } = await lines.next();
        if (done) controller.close();
        else controller.enqueue(enc.encode(value));
      },
      async cancel() {
        await lines.return(undefined);
      },
    });
    const day = new Date().toISOString().slice(0, 10);
    return new Response(body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="leads-${auth.workspace.slug}-${day}.csv"`,
        "cache-control": "no-store, private",
      },
    });
  },
};
