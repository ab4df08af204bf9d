/**
 * Static checks of the self-hosted topology's jobs and operations wiring (docker cannot run
 * here): replicas on denokv run jobs on PostgreSQL; Prometheus evaluates the shipped alert
 * rules (a valid config, by `promtool check config`) and routes them to Alertmanager; the
 * collector keeps traces and logs in Tempo and Loki instead of only printing them.
 */
import { parse } from "yaml";
import { assert, assertEquals } from "../support/assert.ts";

const ROOT = new URL("../..", import.meta.url).pathname;
const read = (path: string) => Deno.readTextFileSync(`${ROOT}${path}`);
// deno-lint-ignore no-explicit-any
const yaml = (path: string): any => parse(read(path), { merge: true });
const compose = yaml("compose.yaml");

/** The host path compose mounts at `target` in `service`. */
function mounted(service: string, target: string): string {
  const volume = (compose.services[service].volumes as string[])
    .find((v) => v.split(":")[1] === target);
  assert(volume, `${service} mounts ${target}`);
  return volume.split(":")[0].replace(/^\.\//, "");
}

Deno.test("compose replicas on denokv run their jobs on PostgreSQL", () => {
  const env = compose.services.app.environment;
  assertEquals(env.KV_PATH, "http://denokv:4512");
  assertEquals(env.JOBS_BACKEND, "postgres");
});

Deno.test("Prometheus evaluates the shipped alert rules and routes them to Alertmanager", async () => {
  const configPath = mounted("prometheus", "/etc/prometheus/prometheus.yml");
  const config = yaml(configPath);
  const rules = config.rule_files[0];
  assertEquals(mounted("prometheus", rules), "ops/prometheus/alerts.yml");
  const [target] = config.alerting.alertmanagers[0].static_configs[0].targets;
  assert(compose.services[target.split(":")[0]], `${target} is a compose service`);
  const am = yaml(mounted("alertmanager", "/etc/alertmanager/alertmanager.yml"));
  const receivers = am.receivers.map((r: { name: string }) => r.name);
  assert(receivers.includes(am.route.receiver), "the route's receiver exists");
  assert(am.receivers[0].webhook_configs[0].url_file.startsWith("/run/secrets/"));
  assert(compose.services.alertmanager.secrets.includes("alert_webhook_url"));

  const promtool = await new Deno.Command("promtool", { args: ["--version"] }).output()
    .catch(() => null);
  if (!promtool) {
    assert(Deno.env.get("REQUIRE_PROMTOOL") !== "1", "promtool is required here");
    return;
  }
  // The config as Prometheus sees it inside the container, with its mounts resolved here.
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/token`, "x");
    const text = read(configPath).replace(rules, `${ROOT}ops/prometheus/alerts.yml`)
      .replace("/run/secrets/metrics_token", `${dir}/token`);
    await Deno.writeTextFile(`${dir}/prometheus.yml`, text);
    const out = await new Deno.Command("promtool", {
      args: ["check", "config", `${dir}/prometheus.yml`],
    }).output();
    const said = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
    assert(out.success, said);
    assert(/SUCCESS: 1 rule files found/.test(said), said);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("traces go to Tempo and logs to Loki, both kept on volumes", () => {
  const collector = yaml(mounted("otel-collector", "/etc/otelcol/config.yaml"));
  const { traces, logs } = collector.service.pipelines;
  const endpoint = (name: string) =>
    new URL(
      /^https?:/.test(collector.exporters[name].endpoint)
        ? collector.exporters[name].endpoint
        : `http://${collector.exporters[name].endpoint}`,
    ).hostname;
  assertEquals(traces.exporters.map(endpoint), ["tempo"]);
  assertEquals(logs.exporters.map(endpoint), ["loki"]);
  for (const service of ["tempo", "loki"]) {
    assert(compose.services[service], `${service} runs`);
    assert(
      compose.services[service].volumes.some((v: string) => !v.startsWith("./")),
      `${service} keeps its data on a volume`,
    );
  }
  const grafana = yaml(mounted("grafana", "/etc/grafana/provisioning/datasources/relay.yaml"));
  assertEquals(grafana.datasources.map((d: { type: string }) => d.type).sort(), [
    "loki",
    "prometheus",
    "tempo",
  ]);
});
