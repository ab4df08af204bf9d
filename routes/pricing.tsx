import { CompareTable } from "../components/CompareTable.tsx";
import { CtaBand } from "../components/CtaBand.tsx";
import { Faq, type FaqItem, faqJsonLd } from "../components/Faq.tsx";
import { PageHead } from "../components/PageHead.tsx";
import ContactForm from "../islands/ContactForm.tsx";
import PricingToggle from "../islands/PricingToggle.tsx";
import type { Meta, PageProps, RouteConfig } from "../lib/framework/mod.ts";
import { captchaConfig } from "../lib/leads/captcha.ts";
import { salesFormProps } from "../lib/leads/form_props.ts";
import { pricing } from "../content/pricing.ts";
import { anonymousDemoQuota, planCatalog, plans } from "../lib/plans.ts";

const q = anonymousDemoQuota;

const FAQ: FaqItem[] = pricing.faq.map(({ q: question, a }) => ({
  q: question,
  a: a.replace("{runsPerDay}", String(q.runsPerDay))
    .replace("{tokensPerDay}", q.tokensPerDay.toLocaleString("en-US")),
}));

/** Pricing metadata. */
export const meta: Meta = {
  title: "Pricing",
  description: `Start free, then ${
    plans.filter((p) => p.monthlyUsd).map((p) => `${p.name} at $${p.monthlyUsd}`).join(" or ")
  } a month, less billed annually, or Enterprise on request. Compare limits and features.`,
  jsonLd: [faqJsonLd(FAQ)],
};

/** The same for every visitor. */
export const config: RouteConfig = { static: true };

/**
 * The Pricing page: plan cards with the billing switch, the comparison table, the FAQ and a
 * short talk-to-sales form.
 */
export default function Pricing({ state }: PageProps) {
  return (
    <main>
      <PageHead
        eyebrow={pricing.eyebrow}
        title={pricing.title}
        lead={pricing.lead}
      />
      <section class="section" aria-labelledby="plans-title">
        <div class="wrap">
          <h2 id="plans-title" class="visually-hidden">Plans</h2>
          <PricingToggle
            plans={plans.map((p) => ({
              id: p.id,
              name: p.name,
              summary: p.summary,
              monthlyUsd: p.monthlyUsd,
              annualMonthlyUsd: p.annualMonthlyUsd,
              highlights: p.highlights,
              cta: p.cta,
              featured: p.featured,
            }))}
          />
          <p class="muted">{pricing.note.replace("{currency}", planCatalog.currency)}</p>
        </div>
      </section>
      <section class="section alt" aria-labelledby="compare-title">
        <div class="wrap">
          <h2 id="compare-title">Compare plans</h2>
          <CompareTable plans={plans} features={planCatalog.features} />
        </div>
      </section>
      <section class="section" aria-labelledby="faq-title">
        <div class="wrap">
          <h2 id="faq-title">Questions</h2>
          <Faq items={FAQ} />
        </div>
      </section>
      <section class="section alt" aria-labelledby="sales-form-title">
        <div class="wrap">
          <ContactForm {...salesFormProps(captchaConfig(state.services.settings), "pricing")} />
        </div>
      </section>
      <CtaBand title={pricing.cta.title} lead={pricing.cta.lead} />
    </main>
  );
}
