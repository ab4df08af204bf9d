/** How the dashboard writes figures: token counts grouped by thousands, then k and M. */
import { assertEquals } from "../support/assert.ts";
import { formatValue } from "../../components/charts/scale.ts";

Deno.test("token figures read like the feed's: 1,427, then 12.5k and 3.2M", () => {
  assertEquals(formatValue(1427, "tokens"), "1,427");
  assertEquals(formatValue(12_500, "tokens"), "12.5k");
  assertEquals(formatValue(3_200_000, "tokens"), "3.2M");
  assertEquals(formatValue(null, "tokens"), "–");
  assertEquals(formatValue(1460, "ms"), "1.5 s");
  assertEquals(formatValue(0.125, "percent"), "12.5%");
});
