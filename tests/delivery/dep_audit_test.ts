import { assert, assertEquals, assertStringIncludes } from "../support/assert.ts";
import { audit } from "../../scripts/dep_audit.ts";

const ROOT = new URL("../..", import.meta.url).pathname;

/** A loopback npm registry answering the bulk advisory endpoint with `answer`. */
function fakeRegistry(answer: (packages: Record<string, string[]>) => Response) {
  const seen: Record<string, string[]>[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    if (new URL(req.url).pathname !== "/-/npm/v1/security/advisories/bulk") {
      return new Response("not found", { status: 404 });
    }
    const body = await req.json();
    seen.push(body);
    return answer(body);
  });
  return { server, seen, url: `http://127.0.0.1:${server.addr.port}/` };
}

Deno.test("dependency audit checks every locked npm package and passes when none is affected", async () => {
  const reg = fakeRegistry(() => Response.json({}));
  try {
    const result = await audit(ROOT, { env: { NPM_CONFIG_REGISTRY: reg.url } });
    assertEquals(result.status, "clean", result.output);
    const lock = JSON.parse(await Deno.readTextFile(`${ROOT}/deno.lock`));
    const locked = Object.keys(lock.npm ?? {}).map((k) => k.slice(0, k.lastIndexOf("@")));
    assert(locked.includes("hono"), "hono is locked");
    for (const name of ["hono", "zod", "postgres"]) {
      assert(reg.seen[0][name], `${name} was checked`);
    }
  } finally {
    await reg.server.shutdown();
  }
});

Deno.test("dependency audit fails on an advisory at or above the level", async () => {
  const reg = fakeRegistry((pkgs) =>
    Response.json({
      hono: [{
        id: 1,
        url: "https://github.com/advisories/GHSA-test-test-test",
        title: "Test advisory for hono",
        severity: "high",
        vulnerable_versions: `<=${pkgs.hono[0]}`,
        cwe: [],
        cvss: { score: 7.5, vectorString: null },
      }],
    })
  );
  try {
    const result = await audit(ROOT, { env: { NPM_CONFIG_REGISTRY: reg.url } });
    assertEquals(result.status, "vulnerable", result.output);
    assertStringIncludes(result.output, "Test advisory for hono");
    const critical = await audit(ROOT, {
      level: "critical",
      env: { NPM_CONFIG_REGISTRY: reg.url },
    });
    assertEquals(critical.status, "clean", critical.output);
  } finally {
    await reg.server.shutdown();
  }
});

Deno.test("dependency audit fails clearly when the advisory database is down", async () => {
  const reg = fakeRegistry(() => new Response("upstream error", { status: 503 }));
  const closed = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const refused = `http://127.0.0.1:${closed.addr.port}/`;
  closed.close();
  try {
    for (const url of [reg.url, refused]) {
      const result = await audit(ROOT, { env: { NPM_CONFIG_REGISTRY: url } });
      assertEquals(result.status, "unreachable", result.output);
    }
    const cli = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", `${ROOT}/scripts/dep_audit.ts`],
      env: { NPM_CONFIG_REGISTRY: refused, NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    assertEquals(cli.code, 3);
    assertStringIncludes(new TextDecoder().decode(cli.stderr), "were NOT checked");
  } finally {
    await reg.server.shutdown();
  }
});
