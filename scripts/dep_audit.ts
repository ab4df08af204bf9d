/**
 * Dependency vulnerability check of the npm packages locked in deno.lock (a CI gate): runs
 * `deno audit` against the npm advisory database (the registry in NPM_CONFIG_REGISTRY, default
 * registry.npmjs.org). Fails on advisories of severity `--level` (default "moderate") or above,
 * and fails just as clearly when the advisory database cannot be reached: an outage never
 * passes silently. `--ignore=<GHSA/CVE ids>` (comma-separated) skips reviewed advisories.
 *
 *   deno run -A scripts/dep_audit.ts [--level=high] [--ignore=GHSA-xxxx]
 *
 * Exit codes: 0 no advisories, 1 advisories found, 3 advisory database unreachable.
 */

const LEVELS = ["low", "moderate", "high", "critical"];

/** The outcome of one audit. */
export interface AuditResult {
  status: "clean" | "vulnerable" | "unreachable";
  /** What `deno audit` printed (stdout and stderr). */
  output: string;
}

/** Runs `deno audit` in `cwd` and classifies the result. */
export async function audit(
  cwd: string,
  { level = "moderate", ignore = [] as string[], env = {} as Record<string, string> } = {},
): Promise<AuditResult> {
  if (!LEVELS.includes(level)) throw new Error(`--level must be one of ${LEVELS.join(", ")}`);
  const args = ["audit", `--level=${level}`];
  if (ignore.length) args.push(`--ignore=${ignore.join(",")}`);
  const out = await new Deno.Command(Deno.execPath(), {
    args,
    cwd,
    env: { NO_COLOR: "1", ...env },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  const output = decoder.decode(out.stdout) + decoder.decode(out.stderr);
  if (out.success) return { status: "clean", output };
  if (/Found \d+ vulnerabilit/i.test(output)) return { status: "vulnerable", output };
  return { status: "unreachable", output };
}

if (import.meta.main) {
  const level = Deno.args.find((a) => a.startsWith("--level="))?.slice(8) ?? "moderate";
  const ignore = Deno.args.find((a) => a.startsWith("--ignore="))?.slice(9).split(",")
    .filter(Boolean) ?? [];
  const root = new URL("..", import.meta.url).pathname;
  const result = await audit(root, { level, ignore });
  console.log(result.output.trim());
  if (result.status === "unreachable") {
    console.error(
      "dependency audit: FAILED - the npm advisory database could not be reached, so the locked " +
        "packages were NOT checked. Retry when the registry answers.",
    );
    Deno.exit(3);
  }
  if (result.status === "vulnerable") {
    console.error(`dependency audit: FAILED - advisories at level ${level} or above (see above).`);
    Deno.exit(1);
  }
  console.log(`dependency audit: no advisories at level ${level} or above`);
}
