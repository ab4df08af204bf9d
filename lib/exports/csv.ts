/**
 * CSV (RFC 4180) with formula-injection guarding: a cell that a spreadsheet would run as a
 * formula (starting with = + - @, tab or carriage return) is prefixed with an apostrophe.
 */

/** One cell value. */
export type Cell = string | number | boolean | Date | null | undefined;

/** Quotes a cell when needed and neutralizes spreadsheet formulas. */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return "";
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV line (CRLF-terminated). */
export function csvLine(cells: Cell[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/**
 * A streamed CSV body: the header, then rows fetched page by page by `nextPage(after)` (the
 * last row of the previous page, or null) until a page comes back empty.
 */
export function csvStream<R>(
  header: string[],
  toCells: (row: R) => Cell[],
  nextPage: (after: R | null) => Promise<R[]>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after: R | null = null;
  let started = false;
  return new ReadableStream({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(csvLine(header)));
        return;
      }
      const rows = await nextPage(after);
      if (rows.length === 0) {
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(rows.map((r) => csvLine(toCells(r))).join("")));
      after = rows[rows.length - 1];
    },
  });
}
