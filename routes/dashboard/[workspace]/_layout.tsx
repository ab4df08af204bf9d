import {
  currentSection,
  type DashboardSection,
  visibleSections,
} from "../../../components/dashboard/nav.ts";
import { WorkspaceSwitcher } from "../../../components/dashboard/WorkspaceSwitcher.tsx";
import { isSiteOperator } from "../../../lib/auth/site_operator.ts";
import "../../../lib/dashboard/state.ts";
import { asset, type LayoutProps } from "../../../lib/framework/mod.ts";
import { siteConfig } from "../../../lib/site_config.ts";

function Sections(
  { base, current, sections }: {
    base: string;
    current: string;
    sections: readonly DashboardSection[];
  },
) {
  return (
    <ul>
      {sections.map((s) => (
        <li key={s.path}>
          <a href={`${base}${s.path}`} aria-current={s.path === current ? "page" : undefined}>
            {s.label}
          </a>
        </li>
      ))}
    </ul>
  );
}

/**
 * The dashboard's app shell (instead of the marketing header and footer): a top bar with the
 * brand, the workspace switcher and the signed-in account; the sections as a sidebar on wide
 * screens and as a `<details>` menu (no JavaScript needed) on narrow ones. Plain links, marked
 * `aria-current`, so Tab and Enter are all a keyboard needs.
 */
export default function DashboardLayout({ Component, params, url, state }: LayoutProps) {
  const slug = params.workspace;
  const base = `/dashboard/${encodeURIComponent(slug)}`;
  const current = currentSection(base, url.pathname);
  const workspace = state.dashboard?.workspace ?? { slug, name: slug };
  const user = state.dashboard?.user;
  const sections = visibleSections(isSiteOperator(state.services.settings, user));
  return (
    <div class="app-shell">
      <link rel="stylesheet" href={asset("/dashboard.css")} />
      <header class="app-bar">
        <a class="brand" href="/">
          <img src={asset("/favicon.svg")} width="28" height="28" alt="" />
          <span class="brand-name">{siteConfig.name}</span>
        </a>
        <WorkspaceSwitcher
          current={workspace}
          role={state.dashboard?.role}
          workspaces={state.dashboardWorkspaces ?? []}
        />
        <details class="app-menu">
          <summary>Menu</summary>
          <nav aria-label="Dashboard menu">
            <Sections base={base} current={current.path} sections={sections} />
          </nav>
        </details>
        {user && (
          <a class="account-user" href="/account" title={user.email}>
            <span class="visually-hidden">Signed in as</span>
            <span class="avatar" aria-hidden="true">
              {(user.name || user.email).slice(0, 1).toUpperCase()}
            </span>
            <span class="account-label">{user.name || user.email}</span>
          </a>
        )}
      </header>
      <div class="dashboard">
        <nav class="dash-nav" aria-label="Dashboard">
          <Sections base={base} current={current.path} sections={sections} />
        </nav>
        <div class="dash-body" id="content" tabindex={-1}>
          <Component />
        </div>
      </div>
    </div>
  );
}
