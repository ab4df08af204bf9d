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

/** Who is signed in, as the header shows them. */
export interface HeaderUser {
  email: string;
  name: string | null;
}

/**
 * The site header: brand, main navigation with the current page marked, and the account: Sign
 * in for visitors, the signed-in person (a link to their account) for members; Dashboard for
 * both. On narrow screens the navigation folds into a `<details>` menu that needs no JavaScript.
 */
export function Header({ pathname, user }: { pathname: string; user?: HeaderUser }) {
  const { signIn, dashboard } = siteConfig.account;
  const account: SiteLink = user ? { label: user.name || user.email, href: "/account" } : signIn;
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
            {user
              ? (
                <a
                  class="account-user"
                  href={account.href}
                  title={user.email}
                  aria-current={currentFor(account.href, pathname)}
                >
                  <span class="visually-hidden">Signed in as</span>
                  <span class="avatar" aria-hidden="true">
                    {account.label.slice(0, 1).toUpperCase()}
                  </span>
                  <span class="account-label">{account.label}</span>
                </a>
              )
              : (
                <a href={signIn.href} aria-current={currentFor(signIn.href, pathname)}>
                  {signIn.label}
                </a>
              )}
            <a class="button" href={dashboard.href}>{dashboard.label}</a>
          </div>
        </nav>
        <details class="nav-mobile">
          <summary>Menu</summary>
          <nav aria-label="Main menu">
            <ul>
              <Links
                links={[
                  ...siteConfig.nav,
                  user ? { ...account, label: `Account (${account.label})` } : signIn,
                  dashboard,
                ]}
                pathname={pathname}
              />
            </ul>
          </nav>
        </details>
      </div>
    </header>
  );
}
