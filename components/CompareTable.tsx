import type { Plan, PlanFeature, PlanLimits } from "../lib/plans.ts";

const n = (v: number) => v.toLocaleString("en-US");

/** The limit rows, straight from each plan's enforced limits. */
const LIMIT_ROWS: { label: string; value: (l: PlanLimits) => string }[] = [
  {
    label: "Agent runs per day",
    value: (l) => l.requestsPerDay === null ? "Negotiated" : n(l.requestsPerDay),
  },
  {
    label: "Tokens per month",
    value: (l) => l.tokensPerMonth === null ? "Negotiated" : n(l.tokensPerMonth),
  },
  {
    label: "Model spend ceiling per month",
    value: (l) =>
      l.costCeilingUsdPerMonth === null ? "Negotiated" : `$${n(l.costCeilingUsdPerMonth)}`,
  },
  {
    label: "Longest retention you can choose",
    value: (l) => l.retentionDays === null ? "Any" : `${l.retentionDays} days`,
  },
];

function Cell({ value }: { value: boolean | string }) {
  if (value === true) {
    return (
      <td>
        <span class="yes" aria-hidden="true">✓</span>
        <span class="visually-hidden">Included</span>
      </td>
    );
  }
  if (value === false) {
    return (
      <td>
        <span class="no" aria-hidden="true">–</span>
        <span class="visually-hidden">Not included</span>
      </td>
    );
  }
  return <td>{value}</td>;
}

/** The feature comparison table: limits (as enforced) then feature rows by group. */
export function CompareTable(
  { plans, features }: { plans: readonly Plan[]; features: readonly PlanFeature[] },
) {
  const groups = [...new Set(features.map((f) => f.group))];
  return (
    <div class="table-scroll" tabindex={0} role="region" aria-label="Comparison table">
      <table class="compare">
        <caption class="visually-hidden">Plans compared feature by feature</caption>
        <thead>
          <tr>
            <th scope="col">Feature</th>
            {plans.map((p) => <th scope="col" key={p.id}>{p.name}</th>)}
          </tr>
        </thead>
        <tbody>
          <tr class="group">
            <th scope="colgroup" colSpan={plans.length + 1}>Limits</th>
          </tr>
          {LIMIT_ROWS.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              {plans.map((p) => <td key={p.id}>{r.value(p.limits)}</td>)}
            </tr>
          ))}
          {groups.map((g) => (
            <>
              <tr class="group" key={g}>
                <th scope="colgroup" colSpan={plans.length + 1}>{g}</th>
              </tr>
              {features.filter((f) => f.group === g).map((f) => (
                <tr key={f.label}>
                  <th scope="row">{f.label}</th>
                  {plans.map((p) => <Cell key={p.id} value={f.values[p.id]} />)}
                </tr>
              ))}
            </>
          ))}
        </tbody>
      </table>
    </div>
  );
}
