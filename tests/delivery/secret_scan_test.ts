import { assertEquals } from "../support/assert.ts";
import { parseAllowlist, scanText, scanTree } from "../../scripts/secret_scan.ts";

// Fake secrets are assembled at run time so this file itself scans clean.
const AWS_ID = "AKIA" + "Q3EXAMPLE7ZW4TXM";
const AWS_SECRET = "wJalrXUtnFEMI" + "/K7MDENG/" + "bPxRfiCYz9X2kq4Lm8";
const OPENAI = "sk-proj-" + "Hq8ZtY2mW4vN6xK1pR3sT5uA7bC9dE0fGhJkLmNoPqRs";
const PEM = "-----BEGIN " + "RSA PRIVATE KEY-----";
const GITHUB = "ghp_" + "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5";
const TOKENISH = "Zx9" + "Qw7Er5Ty3Ui1Op0As8Df6Gh4Jk";

async function rulesIn(text: string): Promise<string[]> {
  return (await scanText("f.ts", text)).map((f) => f.rule);
}

Deno.test("secret scan finds keys and tokens and prints them redacted", async () => {
  assertEquals(await rulesIn(PEM), ["private-key"]);
  assertEquals(await rulesIn(`const id = "${AWS_ID}";`), ["aws-access-key-id"]);
  assertEquals(await rulesIn(`aws_secret_access_key = ${AWS_SECRET}`), ["aws-secret-access-key"]);
  assertEquals(await rulesIn(`OPENAI_API_KEY=${OPENAI}`), ["openai-api-key"]);
  assertEquals(await rulesIn(`token: "${GITHUB}"`), ["github-token"]);
  assertEquals(await rulesIn(`const sessionSecret = "${TOKENISH}";`), ["high-entropy-assignment"]);
  const [finding] = await scanText("a/b.ts", `\n\nkey=${OPENAI}`);
  assertEquals(finding.line, 3);
  assertEquals(finding.redacted.includes(OPENAI.slice(10, 30)), false);
  assertEquals(finding.fingerprint.length, 24);
});

Deno.test("secret scan leaves ordinary code, placeholders and allowed lines alone", async () => {
  for (
    const clean of [
      `const password = "correct horse battery";`,
      `const apiKey = Deno.env.get("OPENAI_API_KEY");`,
      `const token = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";`,
      `OPENAI_API_KEY: "sk-should-never-leak",`,
      `"integrity": "sha512-Zx9Qw7Er5Ty3Ui1Op0As8Df6Gh4Jk"`,
      `const k = "${OPENAI}"; // secret-scan: allow`,
    ]
  ) assertEquals(await rulesIn(clean), [], clean);
});

Deno.test("secret scan walks a tree and honours the allowlist file", async () => {
  const root = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${root}/src`);
    await Deno.mkdir(`${root}/fixtures`);
    await Deno.writeTextFile(`${root}/src/config.ts`, `export const key = "${AWS_ID}";\n`);
    await Deno.writeTextFile(`${root}/src/ok.ts`, `export const x = 1;\n`);
    await Deno.writeTextFile(`${root}/fixtures/key.pem`, `${PEM}\nMIIE...\n`);
    await Deno.writeFile(
      `${root}/src/blob.bin`,
      new Uint8Array([0, 1, 2, ...new TextEncoder().encode(AWS_ID)]),
    );
    const all = await scanTree(root);
    assertEquals(all.map((f) => `${f.path}:${f.rule}`).sort(), [
      "fixtures/key.pem:private-key",
      "src/config.ts:aws-access-key-id",
    ]);
    const awsPrint = all.find((f) => f.path === "src/config.ts")!.fingerprint;
    await Deno.writeTextFile(
      `${root}/.secret-scan-allow`,
      `# reviewed\nfixtures/**\nfingerprint:${awsPrint}\n`,
    );
    assertEquals(await scanTree(root), []);
    const allow = parseAllowlist("src/*.ts\n");
    assertEquals(allow.paths[0].test("src/a.ts"), true);
    assertEquals(allow.paths[0].test("src/deep/a.ts"), false);

    const cli = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--allow-read",
        "--allow-run=git",
        new URL("../../scripts/secret_scan.ts", import.meta.url).pathname,
        root,
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assertEquals(cli.code, 0);
    await Deno.remove(`${root}/.secret-scan-allow`);
    const failing = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--allow-read",
        "--allow-run=git",
        new URL("../../scripts/secret_scan.ts", import.meta.url).pathname,
        root,
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assertEquals(failing.code, 1);
    const printed = new TextDecoder().decode(failing.stdout);
    assertEquals(printed.includes(AWS_ID), false, "the secret itself is never printed");
    assertEquals(printed.includes("src/config.ts:1: aws-access-key-id"), true);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("the repository itself scans clean", async () => {
  const findings = await scanTree(new URL("../..", import.meta.url).pathname);
  assertEquals(findings.map((f) => `${f.path}:${f.line} ${f.rule}`), []);
});
