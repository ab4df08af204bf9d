import { CtaBand } from "../components/CtaBand.tsx";
import { Icon } from "../components/Icon.tsx";
import { PageHead } from "../components/PageHead.tsx";
import { platform as copy } from "../content/platform.ts";
import type { Meta, RouteConfig } from "../lib/framework/mod.ts";

/** Platform metadata. */
export const meta: Meta = copy.meta;

/** The same for every visitor. */
export const config: RouteConfig = { static: true };

/** The Platform page: architecture, security and compliance, integrations, observability. */
export default function Platform() {
  return (
    <main>
      <PageHead eyebrow={copy.head.eyebrow} title={copy.head.title} lead={copy.head.lead} />

      <section class="section alt" aria-labelledby="arch-title">
        <div class="wrap hero-grid">
          <div>
            <p class="eyebrow">{copy.architecture.eyebrow}</p>
            <h2 id="arch-title">{copy.architecture.title}</h2>
            <ol class="steps">
              {copy.architecture.steps.map((step) => <li key={step}>{step}</li>)}
            </ol>
          </div>
          <div class="grid">
            {copy.architecture.cards.map((c) => (
              <div class="card" key={c.title}>
                <Icon name={c.icon} />
                <h3>{c.title}</h3>
                <p>{c.text}</p>
              </div>
            ))}
          </div>
        </div>
      </section>

      <section class="section" aria-labelledby="security-title">
        <div class="wrap">
          <div class="section-head">
            <Icon name="shield" />
            <h2 id="security-title">{copy.security.title}</h2>
            <p class="lead">{copy.security.lead}</p>
          </div>
          <div class="grid">
            {copy.security.controls.map((s) => (
              <div class="card" key={s.title}>
                <h3>{s.title}</h3>
                <p>{s.text}</p>
              </div>
            ))}
          </div>
          <p>
            {copy.security.privacy}{" "}
            <a href={copy.security.privacyLink.href}>{copy.security.privacyLink.label}</a>.
          </p>
        </div>
      </section>

      <section class="section alt" aria-labelledby="integrations-title">
        <div class="wrap">
          <div class="section-head">
            <Icon name="plug" />
            <h2 id="integrations-title">{copy.integrations.title}</h2>
          </div>
          <div class="table-scroll" tabindex={0} role="region" aria-label="Integrations table">
            <table>
              <caption class="visually-hidden">{copy.integrations.caption}</caption>
              <tbody>
                {copy.integrations.rows.map(([k, v]) => (
                  <tr key={k}>
                    <th scope="row">{k}</th>
                    <td>{v}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </section>

      <section class="section" aria-labelledby="obs-title">
        <div class="wrap">
          <div class="section-head">
            <Icon name="eye" />
            <h2 id="obs-title">{copy.observability.title}</h2>
            <p class="lead">{copy.observability.lead}</p>
          </div>
          <div class="grid">
            {copy.observability.cards.map((c) => (
              <div class="card" key={c.title}>
                <h3>{c.title}</h3>
                <p>{c.text}</p>
              </div>
            ))}
          </div>
          <p>
            <a href={copy.observability.runbook.href}>{copy.observability.runbook.label}</a>.
          </p>
        </div>
      </section>
      <CtaBand title={copy.cta.title} lead={copy.cta.lead} />
    </main>
  );
}
