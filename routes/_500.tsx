import type { Meta, PageProps } from "../lib/framework/mod.ts";

/** Error page metadata. */
export const meta: Meta = {
  title: "Something went wrong",
  description: "The request could not be completed.",
  noindex: true,
};

interface ErrorData {
  status: number;
  message: string;
  requestId: string;
}

/** The friendly error page for every status but 404; 5xx never show internals. */
export default function ErrorPage({ data }: PageProps<ErrorData>) {
  const server = data.status >= 500;
  return (
    <main class="wrap error-page">
      <p class="code-big" aria-hidden="true">{data.status}</p>
      <h1>{server ? "Something went wrong" : data.message}</h1>
      <p class="lead">
        {server
          ? "We could not complete this request. Please try again in a moment."
          : `The request could not be completed (${data.status}).`}
      </p>
      {data.requestId && (
        <p>
          If it keeps happening, contact us and quote reference <code>{data.requestId}</code>.
        </p>
      )}
      <div class="actions">
        <a class="button" href="/">Go to the home page</a>
        <a class="button secondary" href="/contact">Contact us</a>
      </div>
    </main>
  );
}
