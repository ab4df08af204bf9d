import { currentSection, visibleSections } from "../../../components/dashboard/nav.ts";
import { isSiteOperator } from "../../../lib/auth/site_operator.ts";
import "../../../lib/dashboard/state.ts";
import { asset, type LayoutProps } from "../../../lib/framework/mod.ts";

/**
 * The dashboard frame: the workspace's name and a navigation list of its sections (plain
 * links, so Tab and Enter are all a keyboard needs; the current one is marked `aria-current`).
 */
export default function DashboardLayout({ Component, params, url, state }: LayoutProps) {
  const slug = params.workspace;
  const base = `/dashboard/${encodeURIComponent(slug)}`;
  const current = currentSection(base, url.pathname);
  const name = state.dashboard?.workspace.name ?? slug;
  const sections = visibleSections(isSiteOperator(state.services.settings, state.dashboard?.user));
  return (
    <div class="dashboard">
      <link rel="stylesheet" href={asset("/dashboard.css")} />
      <nav class="dash-nav" aria-label="Dashboard">
        <p class="dash-workspace">
          <span class="visually-hidden">Workspace:</span>
          {name}
          {state.dashboard && <span class="badge">{state.dashboard.role}</span>}
        </p>
        <ul>
          {sections.map((s) => (
            <li key={s.path}>
              <a
                href={`${base}${s.path}`}
                aria-current={s.path === current.path ? "page" : undefined}
              >
                {s.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div class="dash-body">
        <Component />
      </div>
    </div>
  );
}
