/**
 * A legal document's body: HTML rendered on the server from content/legal/*.md by the docs
 * Markdown renderer (raw HTML escaped).
 */
export function LegalHtml({ html }: { html: string }) {
  // deno-lint-ignore react-no-danger
  return <div dangerouslySetInnerHTML={{ __html: html }} />;
}
