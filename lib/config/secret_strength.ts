/**
 * Production refuses placeholder and guessable secrets: the example values shipped in
 * ops/compose/example.env and the docs, placeholder words, and keys with too little entropy.
 * Problems name the setting and the key's position, never the value.
 */
import type { RawEnv } from "./spec_kit.ts";

/** Every example value the repository ships (ops/compose/example.env, docs), lower-cased. */
export const EXAMPLE_SECRET_VALUES: readonly string[] = [
  "change-me",
  "change-me-to-a-long-random-string",
  "change-me-to-32-or-more-random-characters",
  "<new>",
  "<old>",
  "new",
  "old",
];

/** Words that mark a value as a placeholder rather than a generated key. */
const PLACEHOLDER_WORDS = [
  "change-me",
  "changeme",
  "change_me",
  "replace-me",
  "replaceme",
  "placeholder",
  "example",
  "password",
  "passw0rd",
  "secret",
  "your-",
  "your_",
  "insert",
  "todo",
  "xxxx",
  "qwerty",
  "letmein",
  "default",
];

/** Keys this app checks for strength: lists of signing keys and bearer tokens it issues. */
const OWN_KEYS = [
  "SESSION_SECRETS",
  "DEMO_KEY_SECRETS",
  "WEBHOOK_SECRETS",
  "AUDIT_KEYS",
  "METRICS_TOKEN",
];

/** Third-party secrets: only known example values are refused (their format is not ours). */
const THIRD_PARTY = [
  "OPENAI_API_KEY",
  "SMTP_PASS",
  "GITHUB_CLIENT_SECRET",
  "GOOGLE_CLIENT_SECRET",
  "OIDC_CLIENT_SECRET",
  "HCAPTCHA_SECRET",
  "DENO_KV_ACCESS_TOKEN",
];

/** Estimated entropy below which a key counts as guessable, in bits. */
const MIN_BITS = 128;
/** Fewest distinct characters a key may have. */
const MIN_DISTINCT = 12;

/** Shannon entropy of the character distribution, in bits per character. */
export function shannonBitsPerChar(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const n = [...value].length;
  let bits = 0;
  for (const c of counts.values()) bits -= (c / n) * Math.log2(c / n);
  return bits;
}

/** Why one key is weak (`null` when it looks generated). Never includes the value. */
export function weakKeyReason(value: string): string | null {
  const lower = value.toLowerCase();
  if (EXAMPLE_SECRET_VALUES.includes(lower)) return "is an example value from the docs";
  const word = PLACEHOLDER_WORDS.find((w) => lower.includes(w));
  if (word) return `looks like a placeholder (contains "${word}")`;
  if (/^(.{1,16}?)\1+.{0,16}$/s.test(value)) return "is a repeated pattern";
  if (isSequential(value)) return "is a sequence of neighbouring characters";
  const distinct = new Set(value).size;
  if (distinct < MIN_DISTINCT) {
    return `has only ${distinct} distinct characters (at least ${MIN_DISTINCT} needed)`;
  }
  const bits = Math.floor(shannonBitsPerChar(value) * [...value].length);
  if (bits < MIN_BITS) return `has too little entropy (about ${bits} bits, ${MIN_BITS} needed)`;
  return null;
}

/** True when most neighbouring characters step by -1, 0 or +1 ("abcdef", "0123456789"). */
function isSequential(value: string): boolean {
  let steps = 0;
  for (let i = 1; i < value.length; i++) {
    if (Math.abs(value.charCodeAt(i) - value.charCodeAt(i - 1)) <= 1) steps++;
  }
  return value.length > 1 && steps / (value.length - 1) > 0.5;
}

/**
 * Problems with the production secrets in `raw` (and `DENO_KV_ACCESS_TOKEN`, which the Deno
 * runtime reads): one line per weak key, e.g. "SESSION_SECRETS: key 1 is an example value".
 */
export function weakSecretIssues(raw: RawEnv): string[] {
  const issues: string[] = [];
  for (const name of OWN_KEYS) {
    const keys = (raw[name] ?? "").split(",").map((k) => k.trim()).filter(Boolean);
    keys.forEach((key, i) => {
      const why = weakKeyReason(key);
      if (why) {
        issues.push(`${name}: key ${i + 1} ${why}; generate one with \`openssl rand -base64 48\``);
      }
    });
  }
  for (const name of THIRD_PARTY) {
    const value = raw[name]?.trim().toLowerCase();
    if (value && (EXAMPLE_SECRET_VALUES.includes(value) || value.startsWith("change-me"))) {
      issues.push(`${name} is an example value from the docs; set the real one`);
    }
  }
  const dbPassword = databasePassword(raw.DATABASE_URL);
  if (dbPassword !== null && weakKeyReason(dbPassword)?.startsWith("is an example")) {
    issues.push("DATABASE_URL: its password is an example value from the docs");
  }
  return issues;
}

function databasePassword(url: string | undefined): string | null {
  if (!url || !URL.canParse(url)) return null;
  const password = new URL(url).password;
  return password ? decodeURIComponent(password).toLowerCase() : null;
}
