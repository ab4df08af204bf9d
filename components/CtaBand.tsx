import { siteConfig } from "../lib/site_config.ts";

/** The closing call to action (content/site.ts), with an optional page-specific title and lead. */
export function CtaBand({ title, lead }: { title?: string; lead?: string }) {
  const cta = siteConfig.cta;
  return (
    <section class="section alt cta-band" aria-labelledby="cta-title">
      <div class="wrap">
        <h2 id="cta-title">{title ?? cta.title}</h2>
        <p class="lead">{lead ?? cta.lead}</p>
        <div class="actions">
          <a class="button" href={cta.primary.href}>{cta.primary.label}</a>
          <a class="button secondary" href={cta.secondary.href}>{cta.secondary.label}</a>
        </div>
      </div>
    </section>
  );
}
