import CookieConsent from "../islands/CookieConsent.tsx";
import PageTracker from "../islands/PageTracker.tsx";
import { Footer } from "../components/Footer.tsx";
import { Head } from "../components/Head.tsx";
import { Header } from "../components/Header.tsx";
import type { LayoutProps } from "../lib/framework/mod.ts";
import { formatTraceparent } from "../lib/telemetry/trace_context.ts";
import { isTrackedPage } from "../lib/tracking/tracked_pages.ts";

/**
 * The HTML document around every page: head (SEO), skip link, header, page, footer, consent
 * banner, and, on the site's public pages, the page-view tracker (which records nothing without
 * analytics consent).
 */
export default function App({ Component, meta, url, state }: LayoutProps) {
  const origin = state.services?.settings.publicUrl ?? url.origin;
  return (
    <html lang="en">
      <Head
        meta={meta}
        url={url}
        origin={origin}
        demoKey={state.demoKey}
        traceparent={state.trace && formatTraceparent(state.trace)}
      />
      <body>
        <a class="skip-link" href="#content">Skip to content</a>
        <Header pathname={url.pathname} />
        <div id="content" tabindex={-1}>
          <Component />
        </div>
        <Footer />
        <CookieConsent />
        {isTrackedPage(url.pathname) && <PageTracker />}
      </body>
    </html>
  );
}
