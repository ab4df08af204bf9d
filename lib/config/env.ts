/** Reads settings from the environment, resolving `NAME_FILE` (mounted Docker/K8s secrets). */
import { type RawEnv, settingsSpec } from "./spec.ts";

/**
 * Returns the known keys of `env`, each taken from `NAME` or from the trimmed content of the
 * file named by `NAME_FILE`. Problems (unreadable file, both forms set) are pushed to `issues`.
 */
export async function resolveFileVars(env: RawEnv, issues: string[]): Promise<RawEnv> {
  const out: RawEnv = {};
  for (const name of [...Object.keys(settingsSpec), "DENO_DEPLOYMENT_ID"]) {
    const path = env[`${name}_FILE`];
    if (path === undefined || path === "") {
      out[name] = env[name];
      continue;
    }
    if (env[name] !== undefined && env[name] !== "") {
      issues.push(`${name} and ${name}_FILE are both set; set only one`);
      continue;
    }
    try {
      out[name] = (await Deno.readTextFile(path)).trim();
    } catch (err) {
      const why = err instanceof Deno.errors.NotFound ? "file not found" : (err as Error).name;
      issues.push(`${name}_FILE: cannot read ${path} (${why})`);
    }
  }
  return out;
}
