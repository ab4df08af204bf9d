import { Time } from "../../../components/auth/Time.tsx";
import { type AuditVerification, verifyAuditTrail } from "../../../lib/audit/verify.ts";
import { type AuditRow, listAudit } from "../../../lib/dashboard/audit.ts";
import "../../../lib/dashboard/state.ts";
import type { Handlers, Meta, PageProps } from "../../../lib/framework/mod.ts";

/** Audit log metadata. */
export const meta: Meta = { title: "Audit log", noindex: true };

interface Data {
  slug: string;
  rows: AuditRow[];
  next: number | null;
  paged: boolean;
  verification: AuditVerification;
}

/** The workspace's audit trail with the hash chain's verification status. */
export const handler: Handlers<Data> = {
  GET: async (ctx) => {
    const auth = ctx.state.dashboard!;
    const { db } = ctx.state.services;
    const raw = ctx.url.searchParams.get("before");
    const before = raw && /^\d{1,18}$/.test(raw) ? Number(raw) : null;
    const [page, verification] = await Promise.all([
      listAudit(db, auth.workspace.id, before),
      verifyAuditTrail(ctx.state.services),
    ]);
    return ctx.render({ slug: auth.workspace.slug, ...page, paged: before !== null, verification });
  },
};

/** The Audit log page. */
export default function Audit({ data }: PageProps<Data>) {
  const v = data.verification;
  const base = `/dashboard/${data.slug}/audit`;
  return (
    <main class="dash-main">
      <h1>Audit log</h1>
      <p class={`card ${v.ok ? "status-ok" : "status-bad"}`} data-chain={v.ok ? "ok" : "broken"}>
        {v.ok
          ? `Chain verified: all ${v.rows.toLocaleString("en")} entries are intact and in order.`
          : `Chain broken at entry ${v.firstBad?.id}: ${v.firstBad?.reason}. Tell your administrator.`}
      </p>
      {data.rows.length === 0
        ? <p>Nothing has been recorded for this workspace yet.</p>
        : (
          <div class="table-scroll">
            <table>
              <caption class="visually-hidden">Audit entries, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">Action</th>
                  <th scope="col">Target</th>
                  <th scope="col">Change</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((r) => (
                  <tr key={r.id} data-audit={r.action}>
                    <td>{r.id}</td>
                    <td>
                      <Time at={r.at} />
                    </td>
                    <td>{r.actorEmail ?? r.actorId ?? "system"}</td>
                    <td>
                      <code>{r.action}</code>
                    </td>
                    <td>{r.target ?? "—"}</td>
                    <td>
                      {r.diff === null ? "—" : <code>{JSON.stringify(r.diff)}</code>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      <nav class="pager" aria-label="Pages of the audit log">
        {data.paged && <a href={base}>Newest entries</a>}
        {data.next !== null && <a href={`${base}?before=${data.next}`} rel="next">Older entries</a>}
      </nav>
    </main>
  );
}
