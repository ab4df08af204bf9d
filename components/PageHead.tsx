import type { ComponentChildren } from "preact";

/** The top of an inner page: eyebrow, the page's one h1, a lead paragraph, optional actions. */
export function PageHead(
  { eyebrow, title, lead, children }: {
    eyebrow?: string;
    title: string;
    lead: string;
    children?: ComponentChildren;
  },
) {
  return (
    <header class="page-head">
      <div class="wrap">
        {eyebrow && <p class="eyebrow">{eyebrow}</p>}
        <h1>{title}</h1>
        <p class="lead">{lead}</p>
        {children}
      </div>
    </header>
  );
}
