/** The few line icons the site uses (decorative: hidden from assistive technology). */
const PATHS = {
  sales: "M4 19h16M6 16V9m4 7V5m4 11v-5m4 5V8",
  support: "M4 13a8 8 0 0 1 16 0v4a2 2 0 0 1-2 2h-2v-6h4M4 13v4a2 2 0 0 0 2 2h2v-6H4",
  knowledge: "M5 4h9a4 4 0 0 1 4 4v12H9a4 4 0 0 1-4-4zM9 8h5M9 12h5",
  stream: "M4 6h10M4 12h16M4 18h7",
  shield: "M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6z M9 12l2 2 4-4",
  eye: "M2 12s4-7 10-7 10 7 10 7-4 7-10 7S2 12 2 12z M12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6z",
  plug: "M9 3v5m6-5v5M7 8h10v4a5 5 0 0 1-10 0zm5 9v4",
  gauge: "M4 16a8 8 0 1 1 16 0M12 16l4-5",
} as const;

/** Name of an icon. */
export type IconName = keyof typeof PATHS;

/** An inline SVG icon, 40x40 by default. */
export function Icon({ name, size = 40 }: { name: IconName; size?: number }) {
  return (
    <svg
      class="icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="1.8"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
