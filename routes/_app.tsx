import { ConsentBanner } from "../components/ConsentBanner.tsx";
import { Footer } from "../components/Footer.tsx";
import { Head } from "../components/Head.tsx";
import { Header } from "../components/Header.tsx";
import type { LayoutProps } from "../lib/framework/mod.ts";
import { formatTraceparent } from "../lib/telemetry/trace_context.ts";
import { isTrackedPage } from "../lib/tracking/tracked_pages.ts";

/** Routes drawn inside the dashboard's own app shell (its layout), without the site's chrome. */
const APP_SHELL = /^\/dashboard\/:workspace(\/|$)/;

/**
 * The HTML document around every page: head (SEO), skip link, header (naming the signed-in
 * person), page, footer, consent banner, and, on the site's public pages, the `data-track-page`
 * mark for page tracking (lib/page_script/, which records nothing without analytics consent). Dashboard pages get only the head and skip
 * link: their layout is the app shell, and nothing there is tracked. Cached pages carry no
 * `traceparent` meta: islands read the fresh one from `Server-Timing`.
 */
export default function App({ Component, meta, url, state, route, cached }: LayoutProps) {
  const origin = state.services?.settings.publicUrl ?? url.origin;
  const appShell = route !== null && APP_SHELL.test(route);
  return (
    <html lang="en">
      <Head
        meta={meta}
        url={url}
        origin={origin}
        demoKey={state.demoKey}
        traceparent={!cached && state.trace ? formatTraceparent(state.trace) : undefined}
      />
      <body data-track-page={!appShell && isTrackedPage(url.pathname) ? "" : undefined}>
        <a class="skip-link" href="#content">Skip to content</a>
        {appShell ? <Component /> : (
          <>
            <Header
              pathname={url.pathname}
              user={state.user && { email: state.user.email, name: state.user.name }}
            />
            <div id="content" tabindex={-1}>
              <Component />
            </div>
            <Footer />
            <ConsentBanner />
          </>
        )}
      </body>
    </html>
  );
}
