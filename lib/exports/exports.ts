/**
 * Streamed CSV exports of a workspace's leads and agent runs (keyset-paginated, so memory stays
 * flat however many rows there are). Each export is recorded in `data_exports` and audited.
 */
import { recordAudit } from "../audit/record.ts";
import { type DataScope, ownedBy } from "../dashboard/scope.ts";
import type { Services } from "../services.ts";
import { type Cell, csvStream } from "./csv.ts";

/** What can be exported. */
export const EXPORT_KINDS = ["leads", "runs"] as const;

/** One of {@link EXPORT_KINDS}. */
export type ExportKind = typeof EXPORT_KINDS[number];

const PAGE = 500;

/**
 * Keyset position: the full-precision timestamp as text, sent as a text parameter (a Date, or a
 * timestamptz parameter, would drop microseconds and repeat rows).
 */
interface Keyed {
  id: string;
  k_at: string;
}

const QUERIES: Record<ExportKind, { header: string[]; select: string; table: string }> = {
  leads: {
    header: [
      "id",
      "created_at",
      "name",
      "email",
      "company",
      "message",
      "source",
      "status",
      "verification",
      "consent",
    ],
    select: "id, created_at, name, email, company, message, source, status, verification, consent",
    table: "leads",
  },
  runs: {
    header: [
      "id",
      "created_at",
      "agent",
      "provider",
      "model",
      "status",
      "tokens_in",
      "tokens_out",
      "cost_usd",
      "started_at",
      "finished_at",
    ],
    select:
      "id, created_at, agent, provider, model, status, tokens_in, tokens_out, cost_usd, started_at, finished_at",
    table: "agent_runs",
  },
};

/** Who asked for an export, for the audit trail. */
export interface ExportRequest {
  kind: ExportKind;
  scope: DataScope;
  userId: string;
  requestId?: string;
}

/** Records and audits the export, then returns its CSV stream. */
export async function exportCsv(
  services: Pick<Services, "db" | "kv" | "jobs">,
  request: ExportRequest,
): Promise<ReadableStream<Uint8Array>> {
  const { kind, scope, userId } = request;
  const q = QUERIES[kind];
  const [row] = await services.db.query<{ id: string }>(
    "insert into data_exports (tenant_id, user_id, kind) values ($1, $2, $3) returning id",
    [scope.tenantId, userId, kind],
  );
  await recordAudit(services, {
    actorId: userId,
    tenantId: scope.tenantId,
    action: "data.exported",
    target: `export:${row.id}`,
    requestId: request.requestId,
    diff: { kind },
  });
  return csvStream<Keyed & Record<string, unknown>>(
    q.header,
    (r) => q.header.map((h) => r[h] as Cell),
    (after) =>
      services.db.query(
        `select ${q.select}, created_at::text as k_at from ${q.table} where ${ownedBy(1)}
         and ($3::text is null or (created_at, id::text) > ($3::text::timestamptz, $4::text))
         order by created_at, id::text limit ${PAGE}`,
        [scope.tenantId, scope.site, after?.k_at ?? null, after?.id ?? null],
      ),
  );
}
