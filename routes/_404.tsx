import type { Meta, PageProps } from "../lib/framework/mod.ts";

/** Not-found page metadata. */
export const meta: Meta = {
  title: "Page not found",
  description: "There is no page at this address.",
  noindex: true,
};

/** The friendly 404 page. */
export default function NotFound({ url }: PageProps) {
  return (
    <main class="wrap error-page">
      <p class="code-big" aria-hidden="true">404</p>
      <h1>Page not found</h1>
      <p class="lead">
        There is nothing at{" "}
        <code>{url.pathname}</code>. It may have moved, or the link may be mistyped.
      </p>
      <div class="actions">
        <a class="button" href="/">Go to the home page</a>
        <a class="button secondary" href="/docs">Search the docs</a>
      </div>
    </main>
  );
}
