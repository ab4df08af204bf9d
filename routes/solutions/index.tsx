import { CtaBand } from "../../components/CtaBand.tsx";
import { Icon } from "../../components/Icon.tsx";
import { PageHead } from "../../components/PageHead.tsx";
import { ProductShot } from "../../components/ProductShot.tsx";
import type { Meta, RouteConfig } from "../../lib/framework/mod.ts";
import { solutions, solutionsIndex } from "../../lib/solutions.ts";

/** Solutions index metadata. */
export const meta: Meta = {
  title: "Solutions",
  description: solutionsIndex.description,
};

/** The same for every visitor. */
export const config: RouteConfig = { static: true };

/** The Solutions index: one card per agent. */
export default function Solutions() {
  return (
    <main>
      <PageHead
        eyebrow="Solutions"
        title={solutionsIndex.title}
        lead={solutionsIndex.lead}
      />
      <section class="section" aria-labelledby="list-title">
        <div class="wrap">
          <h2 id="list-title" class="visually-hidden">The agents</h2>
          <div class="grid">
            {solutions.map((s) => (
              <article class="card link-card" key={s.slug} aria-labelledby={`sol-${s.slug}`}>
                <Icon name={s.slug} />
                <p class="eyebrow">{s.audience}</p>
                <h3 id={`sol-${s.slug}`}>{s.name}</h3>
                <p>{s.summary}</p>
                <ul class="ticks">
                  {s.outputs.map((o) => <li key={o}>{o}</li>)}
                </ul>
                <a class="button secondary" href={`/solutions/${s.slug}`}>
                  Explore the {s.name.toLowerCase()}
                </a>
              </article>
            ))}
          </div>
        </div>
      </section>
      <section class="section alt" aria-labelledby="shot-title">
        <div class="wrap">
          <h2 id="shot-title">{solutionsIndex.shot.title}</h2>
          <ProductShot name="liveDemo" caption={solutionsIndex.shot.caption} />
        </div>
      </section>
      <section class="section" aria-labelledby="common-title">
        <div class="wrap">
          <h2 id="common-title">What every agent shares</h2>
          <div class="grid">
            {solutionsIndex.shared.map((c) => (
              <div class="card" key={c.title}>
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
