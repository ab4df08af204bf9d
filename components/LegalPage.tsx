import type { ComponentChildren } from "preact";
import { siteConfig } from "../lib/site_config.ts";
import { PageHead } from "./PageHead.tsx";

/** The frame of a legal page: heading, revision date, readable column. */
export function LegalPage(
  { title, lead, children }: { title: string; lead: string; children: ComponentChildren },
) {
  return (
    <main>
      <PageHead eyebrow="Legal" title={title} lead={lead} />
      <div class="section">
        <div class="wrap">
          <div class="prose">
            <p class="muted">Last updated {siteConfig.legalUpdated}.</p>
            {children}
          </div>
        </div>
      </div>
    </main>
  );
}
