/** One value of an audit change, as short text. */
function show(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v !== "object" || v === null)) {
    return value.map(show).join(", ");
  }
  return JSON.stringify(value);
}

/**
 * An audit entry's change as readable text: "from → to" for a `{ from, to }` change, else one
 * "name: value" line per field.
 */
export function AuditChange({ diff }: { diff: unknown }) {
  if (diff === null || diff === undefined) return <span>—</span>;
  if (typeof diff !== "object" || Array.isArray(diff)) return <span>{show(diff)}</span>;
  const entries = Object.entries(diff as Record<string, unknown>);
  if (entries.length === 0) return <span>—</span>;
  const keys = entries.map(([k]) => k).sort().join(",");
  if (keys === "from,to") {
    const d = diff as { from: unknown; to: unknown };
    return (
      <span class="audit-change">
        {show(d.from)} <span aria-label="changed to">→</span> {show(d.to)}
      </span>
    );
  }
  return (
    <dl class="audit-change">
      {entries.map(([k, v]) => (
        <div key={k}>
          <dt>{k.replaceAll("_", " ")}</dt>
          <dd>{show(v)}</dd>
        </div>
      ))}
    </dl>
  );
}
