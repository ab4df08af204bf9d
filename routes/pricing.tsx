import { CompareTable } from "../components/CompareTable.tsx";
import { CtaBand } from "../components/CtaBand.tsx";
import { Faq, type FaqItem, faqJsonLd } from "../components/Faq.tsx";
import { PageHead } from "../components/PageHead.tsx";
import ContactForm from "../islands/ContactForm.tsx";
import PricingToggle from "../islands/PricingToggle.tsx";
import type { Meta, PageProps, RouteConfig } from "../lib/framework/mod.ts";
import { captchaConfig } from "../lib/leads/captcha.ts";
import { salesFormProps } from "../lib/leads/form_props.ts";
import { anonymousDemoQuota, planCatalog, plans } from "../lib/plans.ts";

const q = anonymousDemoQuota;

const FAQ: FaqItem[] = [
  {
    q: "What counts as an agent run?",
    a: "One call that starts an agent: a lead qualified, a ticket triaged or a question answered. Tool calls inside a run, retries after our own errors and streaming reconnects are not counted again.",
  },
  {
    q: "What happens when I reach a limit?",
    a: "The request is refused before anything is spent, with a clear message saying which limit was reached and when it resets. Nothing is billed past your plan: there are no overage charges unless you agree to them on Enterprise.",
  },
  {
    q: "Can I use my own model provider?",
    a: "Yes, from Starter up. Point Relay at any OpenAI-compatible API (OpenAI, Azure OpenAI, Ollama, vLLM). Token limits still apply so a runaway prompt cannot surprise you, and provider spend is tracked against your monthly ceiling.",
  },
  {
    q: "Can I try it without signing up?",
    a: `Yes. Anonymous visitors can start ${q.runsPerDay} demo runs and use up to ${
      q.tokensPerDay.toLocaleString("en-US")
    } tokens a day on this site. The Free plan raises that and keeps your history.`,
  },
  {
    q: "How does annual billing work?",
    a: "You pay for twelve months up front at the lower monthly rate shown, and can add seats at any time pro rata. Monthly plans can be cancelled whenever you like and run to the end of the paid month.",
  },
  {
    q: "Where is my data stored, and for how long?",
    a: "Run transcripts, events and leads are kept for your plan's history period and then deleted by a daily retention job. You can export or delete your workspace's data at any time from the dashboard.",
  },
];

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
        eyebrow="Pricing"
        title="Simple plans with limits you can see"
        lead="Start free with every agent. Each plan's limits are the ones our quota system enforces, shown here from the same file, so what you read is what you get."
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
          <p class="muted">
            Prices in{" "}
            {planCatalog.currency}, excluding tax. Model provider costs are included up to each
            plan's spend ceiling when you use our provider.
          </p>
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
      <CtaBand
        title="Not sure which plan fits?"
        lead="Tell us about your volume and we will size it with you, usually in one short call."
      />
    </main>
  );
}
