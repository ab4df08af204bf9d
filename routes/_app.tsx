import CookieConsent from "../islands/CookieConsent.tsx";
import PageTracker from "../islands/PageTracker.tsx";
import { Footer } from "../components/Footer.tsx";
import { Head } from "../components/Head.tsx";
import { Header } from "../components/Header.tsx";
import type { LayoutProps } from "../lib/framework/mod.ts";
import { formatTraceparent } from "../lib/telemetry/trace_context.ts";

/**
 * The HTML document around every page: head (SEO), skip link, header, page, footer, consent
 * banner, and the page-view tracker (which records nothing without analytics consent). Cached
 * pages carry no `traceparent` meta: islands read the fresh one from `Server-Timing`.
 */
export default function App({ Component, meta, url, state, cached }: LayoutProps) {
  const origin = state.services?.settings.publicUrl ?? url.origin;
  return (
    <html lang="en">
      <Head
        meta={meta}
        url={url}
        origin={origin}
        demoKey={state.demoKey}
        traceparent={!cached && state.trace ? formatTraceparent(state.trace) : undefined}
      />
      <body>
        <a class="skip-link" href="#content">Skip to content</a>
        <Header pathname={url.pathname} />
        <div id="content" tabindex={-1}>
          <Component />
        </div>
        <Footer />
        <CookieConsent />
        <PageTracker />
      </body>
    </html>
  );
}
