/** The dashboard's sections, in navigation order. */

/** One section: its path under `/dashboard/:workspace` and its label. */
export interface DashboardSection {
  path: string;
  label: string;
  /** Shown to site operators (`SITE_OPERATORS`) only. */
  operatorsOnly?: boolean;
}

/** Every section (Members and API tokens are the accounts pages under the same prefix). */
export const DASHBOARD_SECTIONS: readonly DashboardSection[] = [
  { path: "", label: "Overview" },
  { path: "/runs", label: "Runs" },
  { path: "/leads", label: "Leads" },
  { path: "/tickets", label: "Tickets" },
  { path: "/questions", label: "Unanswered questions" },
  { path: "/usage", label: "Usage and quotas" },
  { path: "/audit", label: "Audit log" },
  { path: "/system", label: "System", operatorsOnly: true },
  { path: "/members", label: "Members" },
  { path: "/tokens", label: "API tokens" },
  { path: "/settings", label: "Settings" },
];

/** The section a path belongs to (the longest matching prefix). */
export function currentSection(base: string, pathname: string): DashboardSection {
  const rest = pathname.slice(base.length).replace(/\/+$/, "");
  return [...DASHBOARD_SECTIONS].reverse().find((s) =>
    s.path === "" ? rest === "" : rest === s.path || rest.startsWith(`${s.path}/`)
  ) ?? DASHBOARD_SECTIONS[0];
}

/** The sections a caller may see: operator-only ones only when `operator` is true. */
export function visibleSections(operator: boolean): readonly DashboardSection[] {
  return DASHBOARD_SECTIONS.filter((s) => operator || !s.operatorsOnly);
}
