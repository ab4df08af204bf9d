import { asset } from "../lib/framework/mod.ts";
import { siteConfig, type SiteLink } from "../lib/site_config.ts";
import { currentFor } from "./nav.ts";

function Links({ links, pathname }: { links: readonly SiteLink[]; pathname: string }) {
  return (
    <>
      {links.map((l) => (
        <li key={l.href}>
          <a href={l.href} aria-current={currentFor(l.href, pathname)}>{l.label}</a>
        </li>
      ))}
    </>
  );
}

/**
 * The site header: brand, main navigation with the current page marked, Sign in and Dashboard.
 * On narrow screens the navigation folds into a `<details>` menu that needs no JavaScript.
 */
export function Header({ pathname }: { pathname: string }) {
  const { signIn, dashboard } = siteConfig.account;
  return (
    <header class="site-header">
      <div class="wrap">
        <a class="brand" href="/" aria-current={pathname === "/" ? "page" : undefined}>
          <img src={asset("/favicon.svg")} width="28" height="28" alt="" />
          {siteConfig.name}
        </a>
        <nav class="nav-desktop" aria-label="Main">
          <ul class="nav-list">
            <Links links={siteConfig.nav} pathname={pathname} />
          </ul>
          <div class="account">
            <a href={signIn.href} aria-current={currentFor(signIn.href, pathname)}>
              {signIn.label}
            </a>
            <a class="button" href={dashboard.href}>{dashboard.label}</a>
          </div>
        </nav>
        <details class="nav-mobile">
          <summary>Menu</summary>
          <nav aria-label="Main menu">
            <ul>
              <Links links={[...siteConfig.nav, signIn, dashboard]} pathname={pathname} />
            </ul>
          </nav>
        </details>
      </div>
    </header>
  );
}
