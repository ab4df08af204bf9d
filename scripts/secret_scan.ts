/**
 * Secret scan of the working tree (a CI gate): private keys, AWS keys, OpenAI, GitHub and Slack
 * tokens, and high-entropy values assigned to secret-looking names. Scans the files git tracks
 * or would track (respecting .gitignore), else every file under the root.
 *
 * Silence a finding with `secret-scan: allow` on its line, or list it in `.secret-scan-allow`:
 * a path glob (`tests/fixtures/**`), or `fingerprint:<hex>` as printed by the scan. Findings print
 * redacted. Exit code: 0 clean, 1 findings, 2 usage error.
 *
 *   deno run --allow-read --allow-run=git scripts/secret_scan.ts [root]
 */

/** A secret-looking string found in a file. */
export interface Finding {
  path: string;
  line: number;
  rule: string;
  /** The match with its middle masked. */
  redacted: string;
  /** Stable id of the finding (rule, path and match), for the allowlist. */
  fingerprint: string;
}

interface Rule {
  name: string;
  pattern: RegExp;
  /** Which capture group holds the secret (default: the whole match). */
  group?: number;
  /** Extra check on the secret (entropy, character mix). */
  accept?: (secret: string) => boolean;
}

/** Shannon entropy of `s` in bits per character. */
export function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

const mixed = (s: string) => /[0-9]/.test(s) && /[a-zA-Z]/.test(s);

/** The rules, in order; the first rule matching a span reports it. */
export const rules: readonly Rule[] = [
  {
    name: "private-key",
    pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----/g,
  },
  { name: "aws-access-key-id", pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  {
    name: "aws-secret-access-key",
    pattern: /aws_?secret_?access_?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi,
    group: 1,
    accept: (s) => entropy(s) > 4,
  },
  {
    name: "openai-api-key",
    pattern: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{32,}/g,
    accept: (s) => mixed(s) && entropy(s) > 3.5,
  },
  {
    name: "github-token",
    pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{60,})/g,
  },
  { name: "slack-token", pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g },
  {
    name: "slack-webhook",
    pattern: /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]{20,}/g,
  },
  {
    name: "high-entropy-assignment",
    pattern:
      /\b[\w.-]*(?:secret|token|passw(?:or)?d|api_?key|apikey|private_?key|access_?key|credential)s?[\w.-]*["']?\s*[:=]\s*["'`]([^"'`\s]{20,})["'`]/gi,
    group: 1,
    accept: (s) => mixed(s) && entropy(s) >= 4 && !/^\$\{|^process\.env|^Deno\.env/.test(s),
  },
];

const INLINE_ALLOW = /secret-scan:\s*allow/;
const MAX_BYTES = 1024 * 1024;

async function fingerprint(rule: string, path: string, secret: string): Promise<string> {
  const bytes = new TextEncoder().encode(`${rule}\0${path}\0${secret}`);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest.slice(0, 12), (b) => b.toString(16).padStart(2, "0")).join("");
}

function redact(s: string): string {
  if (s.length <= 12) return `${s.slice(0, 2)}…`;
  return `${s.slice(0, 6)}…${s.slice(-2)}`;
}

/** Scans one file's text; `path` is relative to the scan root. */
export async function scanText(path: string, text: string): Promise<Finding[]> {
  const findings: Finding[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (INLINE_ALLOW.test(line)) continue;
    const taken: [number, number][] = [];
    for (const rule of rules) {
      for (const m of line.matchAll(rule.pattern)) {
        const secret = m[rule.group ?? 0];
        const start = m.index!;
        if (taken.some(([a, b]) => start < b && a < start + m[0].length)) continue;
        if (rule.accept && !rule.accept(secret)) continue;
        taken.push([start, start + m[0].length]);
        findings.push({
          path,
          line: i + 1,
          rule: rule.name,
          redacted: redact(secret),
          fingerprint: await fingerprint(rule.name, path, secret),
        });
      }
    }
  }
  return findings;
}

function globToRegExp(glob: string): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === "*" && glob[i + 1] === "*") {
      re += ".*";
      i++;
      if (glob[i + 1] === "/") i++;
    } else if (ch === "*") re += "[^/]*";
    else if (ch === "?") re += "[^/]";
    else re += ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

/** The allowlist: path globs and fingerprints (`#` starts a comment). */
export interface Allowlist {
  paths: RegExp[];
  fingerprints: Set<string>;
}

/** Parses `.secret-scan-allow`. */
export function parseAllowlist(text: string): Allowlist {
  const paths: RegExp[] = [];
  const fingerprints = new Set<string>();
  for (const raw of text.split("\n")) {
    const entry = raw.replace(/#.*/, "").trim();
    if (!entry) continue;
    if (entry.startsWith("fingerprint:")) fingerprints.add(entry.slice(12).trim());
    else paths.push(globToRegExp(entry));
  }
  return { paths, fingerprints };
}

async function listFiles(root: string): Promise<string[]> {
  try {
    const out = await new Deno.Command("git", {
      args: ["ls-files", "-z", "--cached", "--others", "--exclude-standard"],
      cwd: root,
      stdout: "piped",
      stderr: "null",
    }).output();
    if (out.success) {
      return new TextDecoder().decode(out.stdout).split("\0").filter(Boolean);
    }
  } catch { /* git missing: walk */ }
  const files: string[] = [];
  const walk = async (dir: string) => {
    for await (const e of Deno.readDir(`${root}/${dir}`)) {
      const rel = dir ? `${dir}/${e.name}` : e.name;
      if (e.isDirectory && ![".git", "node_modules", "data", "_build"].includes(e.name)) {
        await walk(rel);
      } else if (e.isFile) files.push(rel);
    }
  };
  await walk("");
  return files;
}

/** Scans every file under `root` (honouring `.secret-scan-allow` there). */
export async function scanTree(root: string): Promise<Finding[]> {
  let allow: Allowlist = { paths: [], fingerprints: new Set() };
  try {
    allow = parseAllowlist(await Deno.readTextFile(`${root}/.secret-scan-allow`));
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  const findings: Finding[] = [];
  for (const path of (await listFiles(root)).sort()) {
    if (allow.paths.some((re) => re.test(path))) continue;
    let bytes: Uint8Array;
    try {
      const info = await Deno.stat(`${root}/${path}`);
      if (!info.isFile || info.size > MAX_BYTES) continue;
      bytes = await Deno.readFile(`${root}/${path}`);
    } catch {
      continue;
    }
    if (bytes.subarray(0, 8000).includes(0)) continue;
    const text = new TextDecoder().decode(bytes);
    for (const f of await scanText(path, text)) {
      if (!allow.fingerprints.has(f.fingerprint)) findings.push(f);
    }
  }
  return findings;
}

if (import.meta.main) {
  if (Deno.args.length > 1) {
    console.error("usage: secret_scan.ts [root]");
    Deno.exit(2);
  }
  const root = Deno.args[0] ?? ".";
  const findings = await scanTree(root);
  for (const f of findings) {
    console.log(`${f.path}:${f.line}: ${f.rule}: ${f.redacted} (fingerprint:${f.fingerprint})`);
  }
  if (findings.length) {
    console.error(
      `secret scan: ${findings.length} finding(s). Remove the secret and rotate it, or, for a ` +
        "test value, add `secret-scan: allow` on its line or its fingerprint to .secret-scan-allow.",
    );
    Deno.exit(1);
  }
  console.log("secret scan: no secrets found");
}
