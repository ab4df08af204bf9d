/**
 * A JSON-LD block. `<` is escaped so the data cannot close the script element; the block is data
 * (not JavaScript), so the `script-src 'self'` CSP does not apply to it.
 */
export function JsonLd({ data }: { data: Record<string, unknown> }) {
  const json = JSON.stringify(data).replace(/</g, "\\u003c");
  // deno-lint-ignore react-no-danger
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: json }} />;
}
