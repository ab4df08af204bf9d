/** Links between the account page and a workspace's members and tokens pages. */
export function AccountNav(
  { workspace, current }: { workspace?: { slug: string; name: string }; current: string },
) {
  const links = [
    { href: "/account", label: "Account" },
    ...(workspace
      ? [
        { href: `/dashboard/${workspace.slug}/members`, label: "Members" },
        { href: `/dashboard/${workspace.slug}/tokens`, label: "API tokens" },
      ]
      : []),
  ];
  return (
    <nav aria-label="Account">
      <ul class="actions auth-nav">
        {links.map((l) => (
          <li key={l.href}>
            <a href={l.href} aria-current={l.href === current ? "page" : undefined}>{l.label}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
