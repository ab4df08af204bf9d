import { useEffect, useState } from "preact/hooks";
import type { Plan } from "../lib/plans.ts";

/** A plan as the pricing cards need it (JSON props). */
export type PricingPlan = Pick<
  Plan,
  "id" | "name" | "summary" | "monthlyUsd" | "annualMonthlyUsd" | "highlights" | "cta" | "featured"
>;

type Billing = "monthly" | "annual";

const usd = (n: number) => `$${n.toLocaleString("en-US")}`;

function PriceLines({ plan, billing }: { plan: PricingPlan; billing: Billing }) {
  const { monthlyUsd: m, annualMonthlyUsd: a } = plan;
  if (m === null || a === null) {
    return (
      <>
        <p class="price">Custom</p>
        <p class="price-alt">Priced on your volume, deployment and support needs.</p>
      </>
    );
  }
  if (m === 0) {
    return (
      <>
        <p class="price">$0</p>
        <p class="price-alt">Free forever, no card needed.</p>
      </>
    );
  }
  const shown = billing === "annual" ? a : m;
  return (
    <>
      <p class="price" data-price={plan.id}>
        {usd(shown)} <small>/ month</small>
      </p>
      <p class="price-alt">
        {billing === "annual"
          ? `Billed ${usd(a * 12)} yearly. ${usd(m)} a month billed monthly.`
          : `${usd(a)} a month billed yearly (${usd(a * 12)}), saving ${
            Math.round((1 - a / m) * 100)
          }%.`}
      </p>
    </>
  );
}

/**
 * The plan cards with a monthly/annual switch. Both prices are in the server-rendered text, so
 * they are readable without JavaScript; the switch is enabled once the island has hydrated.
 */
export default function PricingToggle({ plans }: { plans: PricingPlan[] }) {
  const [billing, setBilling] = useState<Billing>("monthly");
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  const bestSaving = Math.max(
    0,
    ...plans.map((p) =>
      p.monthlyUsd && p.annualMonthlyUsd !== null
        ? Math.round((1 - p.annualMonthlyUsd / p.monthlyUsd) * 100)
        : 0
    ),
  );
  return (
    <div>
      <fieldset class="billing-toggle">
        <legend>Billing period</legend>
        {(["monthly", "annual"] as const).map((b) => (
          <label key={b}>
            <input
              type="radio"
              name="billing"
              value={b}
              checked={billing === b}
              disabled={!ready}
              onChange={() => setBilling(b)}
            />
            <span>{b === "monthly" ? "Monthly" : `Annual (save up to ${bestSaving}%)`}</span>
          </label>
        ))}
      </fieldset>
      <div class="plans">
        {plans.map((p) => (
          <article
            key={p.id}
            class={`card plan${p.featured ? " featured" : ""}`}
            aria-labelledby={`plan-${p.id}`}
          >
            {p.featured && <span class="badge">Most popular</span>}
            <h3 id={`plan-${p.id}`}>{p.name}</h3>
            <p class="muted">{p.summary}</p>
            <PriceLines plan={p} billing={billing} />
            <ul class="ticks">
              {p.highlights.map((h) => <li key={h}>{h}</li>)}
            </ul>
            <a class={`button${p.featured ? "" : " secondary"}`} href={p.cta.href}>
              {p.cta.label}
            </a>
          </article>
        ))}
      </div>
    </div>
  );
}
