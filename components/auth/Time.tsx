/** A UTC timestamp as `<time>` ("2026-11-25 20:15 UTC"), or a dash when absent. */
export function Time({ at }: { at: Date | string | number | null | undefined }) {
  if (at === null || at === undefined) return <span>—</span>;
  const d = new Date(at);
  return (
    <time datetime={d.toISOString()}>{d.toISOString().replace("T", " ").slice(0, 16)} UTC</time>
  );
}
