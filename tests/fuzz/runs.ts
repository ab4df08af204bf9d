/**
 * How many cases each property runs: a few in `deno task test` (seconds), many behind
 * `deno task test:fuzz` (`-- --long`), or exactly FUZZ_RUNS when set. FUZZ_SEED replays a
 * failure fast-check reported.
 */

/** Cases per property. */
export function fuzzRuns(short: number): number {
  const env = Deno.env.get("FUZZ_RUNS");
  if (env) return Number(env);
  return Deno.args.includes("--long") ? short * 40 : short;
}

/** fast-check parameters for one property. */
export function fuzzParams(short: number) {
  const seed = Deno.env.get("FUZZ_SEED");
  return {
    numRuns: fuzzRuns(short),
    ...(seed ? { seed: Number(seed) } : {}),
    endOnFailure: true,
  };
}
