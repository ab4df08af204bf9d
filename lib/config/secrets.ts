/** Local secrets for development and test: generated, and in development kept on disk. */
import { GENERATED_SECRETS, type RawEnv } from "./spec.ts";

/** A fresh random key: 48 bytes, base64url (64 characters). */
export function generateSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(48));
  return btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_")
    .replace(/=+$/, "");
}

/**
 * Fills the secret lists missing from `raw`. With `persistDir` they are read from and saved to
 * `persistDir/secrets.json` (mode 0600) so they survive restarts; without it they live only in
 * memory.
 */
export async function fillLocalSecrets(raw: RawEnv, persistDir?: string): Promise<RawEnv> {
  const missing = GENERATED_SECRETS.filter((k) => !raw[k]);
  if (missing.length === 0) return raw;
  const file = persistDir && `${persistDir.replace(/\/+$/, "")}/secrets.json`;
  const stored: Record<string, string> = file ? await readStored(file) : {};
  let changed = false;
  for (const k of missing) {
    if (typeof stored[k] !== "string" || stored[k].length < 32) {
      stored[k] = generateSecret();
      changed = true;
    }
  }
  if (file && changed) {
    await Deno.mkdir(persistDir!, { recursive: true });
    const tmp = `${file}.${crypto.randomUUID()}.tmp`;
    await Deno.writeTextFile(tmp, JSON.stringify(stored, null, 2) + "\n", { mode: 0o600 });
    await Deno.chmod(tmp, 0o600);
    await Deno.rename(tmp, file);
  }
  return { ...raw, ...Object.fromEntries(missing.map((k) => [k, stored[k]])) };
}

async function readStored(file: string): Promise<Record<string, string>> {
  try {
    const parsed = JSON.parse(await Deno.readTextFile(file));
    return parsed && typeof parsed === "object" ? parsed : {};
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return {};
    throw new Error(`${file} is unreadable or not JSON; delete it to regenerate local secrets`);
  }
}
