/**
 * Log lines go to stdout in batches (not one synchronous write each), and none is lost or
 * reordered: a process that exits or ends writes what it buffered, and a warning or an error
 * writes every line before it at once.
 */
import { assertEquals } from "../support/assert.ts";

async function run(mode: string): Promise<string[]> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("../fixtures/log_batches.ts", import.meta.url).pathname, mode],
    stdout: "piped",
    stderr: "inherit",
  }).output();
  assertEquals(out.code, 0);
  return new TextDecoder().decode(out.stdout).trim().split("\n").map((line) =>
    line.startsWith("{") ? JSON.parse(line).msg + (JSON.parse(line).i ?? "") : line
  );
}

Deno.test("info lines are buffered and written when the process exits or ends", async () => {
  for (const mode of ["exit", "end"]) {
    assertEquals(await run(mode), ["direct-1", "request0", "request1", "request2"], mode);
  }
});

Deno.test("a warning writes the buffered lines first, in order", async () => {
  assertEquals(await run("warn"), [
    "direct-1",
    "request0",
    "request1",
    "request2",
    "careful",
    "direct-2",
  ]);
});
