/** UTC day ranges for dashboard aggregates. */

const DAY_MS = 24 * 60 * 60 * 1000;

/** The last `count` UTC days, oldest first, as `YYYY-MM-DD` (today last). */
export function lastDays(count: number, now = Date.now()): string[] {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  return Array.from(
    { length: count },
    (_, i) => new Date(today - (count - 1 - i) * DAY_MS).toISOString().slice(0, 10),
  );
}

/** Start of the UTC day `YYYY-MM-DD`. */
export function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

/** Start of the current UTC month. */
export function monthStart(now = Date.now()): Date {
  const d = new Date(now);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
}
