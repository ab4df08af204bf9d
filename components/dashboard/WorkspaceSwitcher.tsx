import type { AuthWorkspace } from "../../lib/auth/types.ts";

/**
 * The current workspace's name and the caller's role; with several workspaces, a `<details>`
 * list of the others (plain links, no JavaScript) to switch to.
 */
export function WorkspaceSwitcher(
  { current, role, workspaces }: {
    current: { slug: string; name: string };
    role?: string;
    workspaces: readonly AuthWorkspace[];
  },
) {
  const label = (
    <>
      <span class="visually-hidden">Workspace:</span>
      <span class="ws-name">{current.name}</span>
      {role && <span class="badge">{role}</span>}
    </>
  );
  if (workspaces.length < 2) return <p class="ws-switch ws-single">{label}</p>;
  return (
    <details class="ws-switch">
      <summary>{label}</summary>
      <nav aria-label="Workspaces">
        <ul>
          {workspaces.map((w) => (
            <li key={w.id}>
              <a
                href={`/dashboard/${encodeURIComponent(w.slug)}`}
                aria-current={w.slug === current.slug ? "page" : undefined}
              >
                {w.name} <span class="muted">({w.role})</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </details>
  );
}
