/**
 * Static checks of the delivery files (docker cannot run here): the compose stack wires two
 * replicas to one denokv, one PostgreSQL and the OTLP collector with every production setting;
 * the image builds from Deno's npm package and runs as a non-root user; the workflows parse and
 * run the gates, the previews and their teardown.
 */
import { parse } from "yaml";
import { assert, assertEquals, assertStringIncludes } from "../support/assert.ts";
import { settingsSpec } from "../../lib/config/spec.ts";

const ROOT = new URL("../..", import.meta.url).pathname;
const read = (path: string) => Deno.readTextFileSync(`${ROOT}${path}`);
// deno-lint-ignore no-explicit-any
const yaml = (path: string): any => parse(read(path), { merge: true });

Deno.test("compose.yaml runs two replicas on one denokv, PostgreSQL and collector", () => {
  const compose = yaml("compose.yaml");
  const { app, proxy, denokv, postgres } = compose.services;
  assertEquals(app.deploy.replicas, 2);
  const env: Record<string, string> = app.environment;

  assertEquals(env.KV_PATH, "http://denokv:4512");
  assert(denokv.command.includes("serve") && denokv.command.includes("--access-token"));
  assertEquals(
    denokv.command[denokv.command.indexOf("--access-token") + 1],
    "${DENO_KV_ACCESS_TOKEN}",
  );
  assertStringIncludes(env.DENO_KV_ACCESS_TOKEN, "${DENO_KV_ACCESS_TOKEN:?");
  assert(denokv.volumes.some((v: string) => v.endsWith(":/data")), "KV data on a volume");

  const db = new URL(env.DATABASE_URL.replace(/\$\{[^}]+\}/g, "x"));
  assertEquals(db.hostname, "postgres");
  assertEquals(db.username, postgres.environment.POSTGRES_USER);
  assertEquals(db.pathname, `/${postgres.environment.POSTGRES_DB}`);
  assertEquals(app.depends_on.postgres.condition, "service_healthy");

  const otel = new URL(env.OTEL_EXPORTER_OTLP_ENDPOINT);
  assert(compose.services[otel.hostname], `${otel.hostname} is a service`);
  const collector = parse(read("ops/compose/otel-collector.yaml"));
  assertEquals(collector.receivers.otlp.protocols.http.endpoint, `0.0.0.0:${otel.port}`);
  for (const signal of ["traces", "metrics", "logs"]) {
    assert(collector.service.pipelines[signal].receivers.includes("otlp"), signal);
  }
  assertEquals(env.OTEL_DENO, "true");

  assertEquals(env.DENO_ENV, "production");
  const required = Object.entries(settingsSpec)
    .filter(([, s]) => (s.requiredIn as readonly string[]).includes("production"))
    .map(([name]) => name);
  for (const name of [...required, "DATABASE_URL", "METRICS_TOKEN"]) {
    assert(env[name], `compose sets ${name}`);
  }
  for (const name of Object.keys(env)) {
    assert(
      name in settingsSpec || name.startsWith("OTEL_") || name === "DENO_KV_ACCESS_TOKEN",
      `${name} is a known setting`,
    );
  }
  for (const [name, value] of Object.entries(env)) {
    if (settingsSpec[name as keyof typeof settingsSpec]?.secret && name !== "OPENAI_API_KEY") {
      assertStringIncludes(value, ":?", `${name} must be supplied, never defaulted`);
    }
  }

  const nginx = read("ops/compose/nginx.conf");
  assertStringIncludes(nginx, "server app:8000");
  assertStringIncludes(nginx, "proxy_buffering off");
  assertEquals(env.TRUSTED_PROXY, "true");
  assertEquals(proxy.depends_on.app.condition, "service_healthy");
  assert(!app.ports, "replicas are reached through the proxy only");

  const example = read("ops/compose/example.env");
  for (const match of JSON.stringify(compose).matchAll(/\$\{([A-Z_]+):\?/g)) {
    assertStringIncludes(example, `${match[1]}=`, `example.env lists ${match[1]}`);
  }
});

Deno.test("the Dockerfile builds with Deno from npm and runs as a non-root user", () => {
  const file = read("Dockerfile");
  const deno = JSON.parse(read("deno.json"));
  assertStringIncludes(file, 'npm install --no-save --no-audit --no-fund "deno@${DENO_VERSION}"');
  assertStringIncludes(file, "ARG DENO_VERSION=2.9.6");
  assertStringIncludes(file, "deno install --frozen");
  assertStringIncludes(file, "deno task build");
  assert(deno.tasks.build, "deno.json has a build task");
  const stages = file.split(/^FROM /m);
  const final = stages.at(-1)!;
  assert(/^USER relay$/m.test(final), "the final stage switches to the relay user");
  assert(/useradd --system --uid 10001/.test(final));
  assertStringIncludes(final, "PORT=8000");
  assertStringIncludes(final, "HEALTHCHECK");
  assertStringIncludes(final, "/healthz");
  const ignore = read(".dockerignore").split("\n");
  for (const path of ["data", "node_modules", ".git", ".env"]) assert(ignore.includes(path), path);
});

Deno.test("the workflows run every gate, deploy previews with their own data and tear them down", () => {
  const ci = yaml(".github/workflows/ci.yml");
  const steps = ci.jobs.ok.steps.map((s: { run?: string }) => s.run ?? "").join("\n");
  for (const gate of ["promtool test rules", "secret_scan.ts", "dep_audit.ts", "task ok"]) {
    assertStringIncludes(steps, gate);
  }
  assertEquals(ci.jobs.ok.env.REQUIRE_PROMTOOL, "1");
  const ciRun = read(".ci/run");
  for (
    const gate of ["promtool test rules", "secret_scan.ts", "dep_audit.ts", "REQUIRE_PROMTOOL=1"]
  ) {
    assertStringIncludes(ciRun, gate);
  }
  // Both run the README's test command as a fresh clone does: it starts its own PostgreSQL.
  assertEquals(ci.jobs.ok.env.DATABASE_URL, undefined, "ci.yml sets no DATABASE_URL");
  assertStringIncludes(ciRun, "unset DATABASE_URL");
  assert(!/export DATABASE_URL|pg-test-server/.test(ciRun), ".ci/run starts no server of its own");

  const deploy = yaml(".github/workflows/deploy.yml");
  assertEquals(deploy.on.pull_request.types, ["opened", "synchronize", "reopened", "closed"]);
  const run = (job: string) =>
    deploy.jobs[job].steps.map((s: { run?: string }) => s.run ?? "").join("\n");
  assertStringIncludes(run("production"), "deno task build");
  assertStringIncludes(run("production"), "--prod");
  const preview = run("preview");
  assertStringIncludes(preview, "deno task build");
  assertStringIncludes(preview, "--kind denokv");
  assertStringIncludes(preview, "DATABASE_SCHEMA=${PREVIEW_SCHEMA}");
  assertEquals(
    deploy.jobs.preview.env.PREVIEW_SCHEMA,
    "pr_${{ github.event.pull_request.number }}",
  );
  assertStringIncludes(preview, "gh pr comment");
  const teardown = run("teardown");
  assertStringIncludes(teardown, 'DROP SCHEMA IF EXISTS \\"${PREVIEW_SCHEMA}\\" CASCADE');
  assertStringIncludes(teardown, "database delete");
  assertEquals(deploy.jobs.teardown.env.PREVIEW_SCHEMA, deploy.jobs.preview.env.PREVIEW_SCHEMA);
  assertEquals(deploy.jobs.teardown.env.PREVIEW_KV, deploy.jobs.preview.env.PREVIEW_KV);

  const docs = read("docs/deployment.md");
  for (const secret of JSON.stringify(deploy).matchAll(/secrets\.([A-Z_]+)/g)) {
    assertStringIncludes(docs, `\`${secret[1]}\``, `docs/deployment.md documents ${secret[1]}`);
  }
  for (const v of JSON.stringify(deploy).matchAll(/vars\.([A-Z_]+)/g)) {
    assertStringIncludes(docs, `\`${v[1]}\``, `docs/deployment.md documents ${v[1]}`);
  }
});
