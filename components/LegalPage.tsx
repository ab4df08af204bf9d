import type { ComponentChildren } from "preact";
import { PageHead } from "./PageHead.tsx";

/** Date the legal pages were last revised (shown on each). */
export const LEGAL_UPDATED = "1 November 2026";

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
            <p class="muted">Last updated {LEGAL_UPDATED}.</p>
            {children}
          </div>
        </div>
      </div>
    </main>
  );
}
