import { assert, assertEquals } from "../support/assert.ts";
import { parsePrometheus } from "../support/prometheus.ts";
import { renderMetrics } from "../../lib/telemetry/metrics.ts";
import { slugify } from "../../lib/docs/markdown.ts";

const ROOT = new URL("../..", import.meta.url).pathname;
const RULES = `${ROOT}ops/prometheus/alerts.yml`;

async function promtool(): Promise<string | null> {
  for (const path of [Deno.env.get("PROMTOOL"), "/usr/bin/promtool", "/usr/local/bin/promtool"]) {
    if (path && (await Deno.stat(path).then((s) => s.isFile, () => false))) return path;
  }
  return null;
}

const found = await promtool();
const required = Deno.env.get("REQUIRE_PROMTOOL") === "1";

Deno.test({
  name: "alert rules are valid and their promtool fixtures fire and stay quiet",
  // CI sets REQUIRE_PROMTOOL=1 (and installs it), so the rules are always tested there.
  ignore: !found && !required,
  async fn() {
    assert(found, "promtool is required (Debian package prometheus) but was not found");
    const run = async (...args: string[]) => {
      const out = await new Deno.Command(found, {
        args,
        cwd: ROOT,
        stdout: "piped",
        stderr: "piped",
      })
        .output();
      const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
      assert(out.success, `promtool ${args.join(" ")} failed:\n${text}`);
      return text;
    };
    await run("check", "rules", RULES);
    const fixtures = [...Deno.readDirSync(`${ROOT}ops/prometheus/tests`)]
      .filter((e) => e.name.endsWith(".yml")).map((e) => `ops/prometheus/tests/${e.name}`).sort();
    assert(fixtures.length >= 7, "a fixture per SLO and one for the operational alerts");
    const text = await run("test", "rules", ...fixtures);
    assertEquals((text.match(/SUCCESS/g) ?? []).length, fixtures.length, text);
  },
});

Deno.test("every alert has a runbook section and every rule metric exists in the app", async () => {
  const rules = await Deno.readTextFile(RULES);
  const alerts = [...rules.matchAll(/- alert: (\w+)/g)].map((m) => m[1]);
  assert(alerts.length >= 18, `${alerts.length} alerts`);
  const runbook = await Deno.readTextFile(`${ROOT}docs/operations.md`);
  const anchors = new Set(
    [...runbook.matchAll(/^#{2,4} (.+)$/gm)].map((m) => slugify(m[1])),
  );
  for (const url of rules.matchAll(/runbook_url: "docs\/operations\.md#([\w-]+)"/g)) {
    assert(anchors.has(url[1]), `docs/operations.md has a section #${url[1]}`);
  }
  assertEquals(
    [...rules.matchAll(/runbook_url:/g)].length,
    alerts.length,
    "every alert links its runbook section",
  );

  const exposed = parsePrometheus(await renderMetrics());
  const families = new Set(exposed.types.keys());
  const used = new Set(
    [...rules.matchAll(/\b(relay_[a-z0-9_]+)/g)].map((m) =>
      m[1].replace(/_(bucket|count|sum)$/, "")
    ),
  );
  for (const name of used) assert(families.has(name), `the app exports ${name}`);
  for (const name of families) {
    if (name.startsWith("relay_")) assert(exposed.types.get(name), name);
  }
});

Deno.test("the Grafana dashboard charts only metrics and recording rules that exist", async () => {
  const dashboard = JSON.parse(await Deno.readTextFile(`${ROOT}ops/grafana/relay.json`));
  const rules = await Deno.readTextFile(RULES);
  const records = new Set([...rules.matchAll(/- record: (\S+)/g)].map((m) => m[1]));
  const families = new Set(parsePrometheus(await renderMetrics()).types.keys());
  const exprs: string[] = dashboard.panels.flatMap((p: { targets?: { expr: string }[] }) =>
    (p.targets ?? []).map((t) => t.expr)
  );
  assert(exprs.length >= 20, `${exprs.length} queries`);
  for (const expr of exprs) {
    for (const m of expr.matchAll(/\b(relay:[a-z0-9_:]+)/g)) {
      assert(records.has(m[1]), `recording rule ${m[1]} exists`);
    }
    for (const m of expr.matchAll(/\b(relay_[a-z0-9_]+)/g)) {
      const name = m[1].replace(/_(bucket|count|sum)$/, "");
      assert(families.has(name), `the app exports ${name}`);
    }
  }
});
