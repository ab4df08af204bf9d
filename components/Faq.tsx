/** One question and its answer. */
export interface FaqItem {
  q: string;
  a: string;
}

/** Questions as native disclosure widgets (keyboard and screen-reader friendly, no JavaScript). */
export function Faq({ items }: { items: readonly FaqItem[] }) {
  return (
    <div class="faq">
      {items.map((i) => (
        <details key={i.q}>
          <summary>{i.q}</summary>
          <p>{i.a}</p>
        </details>
      ))}
    </div>
  );
}

/** FAQPage structured data for the same questions. */
export function faqJsonLd(items: readonly FaqItem[]): Record<string, unknown> {
  return {
    "@context": "https://schema.org",
    "@type": "FAQPage",
    mainEntity: items.map((i) => ({
      "@type": "Question",
      name: i.q,
      acceptedAnswer: { "@type": "Answer", text: i.a },
    })),
  };
}
