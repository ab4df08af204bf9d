/** SQL identifiers built from settings. */

/** Quotes a schema name after checking it is a plain lower-case identifier (no injection). */
export function quoteSchema(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid schema name: ${name}`);
  return `"${name}"`;
}
