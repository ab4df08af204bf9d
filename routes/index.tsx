import { ActivitySlot } from "../components/ActivitySlot.tsx";
import { CtaBand } from "../components/CtaBand.tsx";
import { DemoSlot } from "../components/DemoSlot.tsx";
import { Icon } from "../components/Icon.tsx";
import { ProductShot } from "../components/ProductShot.tsx";
import { SiteFiguresCard } from "../components/SiteFiguresCard.tsx";
import { home } from "../content/home.ts";
import {
  type Handlers,
  type Meta,
  type PageProps,
  type RouteConfig,
  SKIP_PAGE_CACHE,
} from "../lib/framework/mod.ts";
import { anonymousDemoQuota } from "../lib/plans.ts";
import { siteConfig } from "../lib/site_config.ts";
import {
  hasFigures,
  NO_FIGURES,
  type SiteFigures,
  siteFiguresOrNone,
} from "../lib/site_figures.ts";
import { solutions } from "../lib/solutions.ts";

/** Home page metadata. */
export const meta: Meta = home.meta;

/** The same for every visitor: rendered once, served from memory, refreshed with its TTL. */
export const config: RouteConfig = { static: true };

/**
 * Measures the site's figures each time the cached page is rendered again. While the database
 * is still opening at start-up the page is served without them and not cached.
 */
export const handler: Handlers<SiteFigures> = {
  GET: async (ctx) => {
    const { services } = ctx.state;
    if (services.schema.warming) {
      return ctx.render(NO_FIGURES, { headers: { [SKIP_PAGE_CACHE]: "1" } });
    }
    return ctx.render(await siteFiguresOrNone(services));
  },
};

/** The home page. */
export default function Home({ data }: PageProps<SiteFigures>) {
  const figures = hasFigures(data) ? data : null;
  return (
    <main>
      <section class="hero" aria-labelledby="hero-title">
        <div class={figures ? "wrap hero-grid" : "wrap"}>
          <div>
            <p class="eyebrow">{home.hero.eyebrow}</p>
            <h1 id="hero-title">{siteConfig.tagline}</h1>
            <p class="lead">{home.hero.lead}</p>
            <div class="actions">
              <a class="button" href={home.hero.primary.href}>{home.hero.primary.label}</a>
              <a class="button secondary" href={home.hero.secondary.href}>
                {home.hero.secondary.label}
              </a>
            </div>
          </div>
          {figures && <SiteFiguresCard figures={figures} />}
        </div>
      </section>

      <ActivitySlot />

      <section class="section" aria-labelledby="agents-title">
        <div class="wrap">
          <div class="section-head">
            <p class="eyebrow">{home.agents.eyebrow}</p>
            <h2 id="agents-title">{home.agents.title}</h2>
            <p class="lead">{home.agents.lead}</p>
          </div>
          <div class="grid">
            {solutions.map((s) => (
              <article class="card link-card" key={s.slug} aria-labelledby={`agent-${s.slug}`}>
                <Icon name={s.slug} />
                <h3 id={`agent-${s.slug}`}>{s.name}</h3>
                <p>{s.summary}</p>
                <a href={`/solutions/${s.slug}`}>
                  How the {s.name.toLowerCase()} works
                </a>
              </article>
            ))}
          </div>
        </div>
      </section>

      <section class="section alt" aria-labelledby="product-title">
        <div class="wrap">
          <div class="section-head">
            <p class="eyebrow">{home.product.eyebrow}</p>
            <h2 id="product-title">{home.product.title}</h2>
            <p class="lead">{home.product.lead}</p>
          </div>
          <div class="shots">
            <ProductShot name="dashboard" caption={home.product.dashboard} />
            <ProductShot name="replay" caption={home.product.replay} />
          </div>
        </div>
      </section>

      <DemoSlot
        title={home.demo.title}
        intro={home.demo.intro.replace("{runsPerDay}", String(anonymousDemoQuota.runsPerDay))}
      />

      <section class="section alt" aria-labelledby="how-title">
        <div class="wrap hero-grid">
          <div>
            <p class="eyebrow">{home.how.eyebrow}</p>
            <h2 id="how-title">{home.how.title}</h2>
            <ol class="steps">
              {home.how.steps.map((step) => <li key={step}>{step}</li>)}
            </ol>
          </div>
          <div class="grid">
            {home.how.cards.map((c) => (
              <div class="card" key={c.title}>
                <Icon name={c.icon} />
                <h3>{c.title}</h3>
                <p>{c.text}</p>
              </div>
            ))}
          </div>
        </div>
      </section>

      <CtaBand />
    </main>
  );
}
