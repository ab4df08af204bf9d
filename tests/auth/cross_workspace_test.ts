/**
 * Tenant isolation over every route: for each route in fresh.gen.ts whose path names a
 * workspace (`[workspace]` under /dashboard or /api, including routes added later by others),
 * user A of workspace X gets the same 404 for workspace Y as for a workspace that does not
 * exist, for every method, with a session and with an API token.
 */
import manifest from "../../fresh.gen.ts";
import { parseRouteFile } from "../../lib/framework/paths.ts";
import { assert, assertEquals } from "../support/assert.ts";
import { Client, signInByEmail } from "./client.ts";
import { appTest } from "./backends.ts";

const WORKSPACE_PARAM = /^(workspace|tenant|workspaceId|tenantId)$/;

/** Routes whose URL carries a workspace, with a function filling their parameters. */
function workspaceRoutes() {
  const out: {
    key: string;
    methods: string[];
    /** True when the workspace is the route's only parameter (so B's own request succeeds). */
    workspaceOnly: boolean;
    path: (workspace: string) => string;
  }[] = [];
  for (const [key, module] of Object.entries(manifest.routes)) {
    const file = parseRouteFile(key);
    if (file.kind !== "route" || !/^\/(dashboard|api)\//.test(file.pattern)) continue;
    const params = [...file.pattern.matchAll(/:(\w+)/g)].map((m) => m[1]);
    if (!params.some((p) => WORKSPACE_PARAM.test(p))) continue;
    const h = module.handler;
    const methods = typeof h === "function" || !h
      ? ["GET", "POST"]
      : Object.keys(h).filter((m) => m !== "OPTIONS");
    out.push({
      key,
      methods,
      workspaceOnly: params.length === 1,
      path: (workspace) =>
        file.pattern.replace(
          /:(\w+)(\{[^}]*\})?/g,
          (_, name: string) =>
            WORKSPACE_PARAM.test(name)
              ? encodeURIComponent(workspace)
              : "00000000-0000-4000-8000-000000000000",
        ),
    });
  }
  return out;
}

appTest("cross-workspace access answers 404 on every workspace route and API", async (app, t) => {
  const routes = workspaceRoutes();
  assert(routes.length >= 2, "the members and tokens pages at least");
  assert(
    routes.some((r) => r.key.includes("members")) && routes.some((r) => r.key.includes("tokens")),
  );

  const a = new Client(app);
  await signInByEmail(a, app, "alice@x.example");
  const b = new Client(app);
  await signInByEmail(b, app, "bob@y.example");
  const x = (await (await a.fetch("/api/me")).json()).workspace.slug;
  const y = (await (await b.fetch("/api/me")).json()).workspace.slug;
  const made = await a.post(`/dashboard/${x}/tokens`, {
    action: "create",
    name: "a",
    expires: "7",
  });
  const tokenA = made.text.match(/rly_[A-Za-z0-9_-]{40,}/)![0];

  const send = (client: Client | null, method: string, path: string, accept: string) =>
    (client ?? new Client(app)).fetch(path, {
      method,
      headers: {
        accept,
        ...(client ? {} : { authorization: `Bearer ${tokenA}` }),
        ...(method === "GET" ? {} : {
          "content-type": "application/x-www-form-urlencoded",
          origin: new URL(app.url).origin,
        }),
      },
      body: method === "GET"
        ? undefined
        : "action=remove&user=00000000-0000-4000-8000-000000000000",
    });

  for (const route of routes) {
    await t.step(route.key, async () => {
      for (const method of route.methods) {
        for (const [who, client] of [["session", a], ["token", null]] as const) {
          for (const accept of ["text/html", "application/json"]) {
            const other = await send(client, method, route.path(y), accept);
            const missing = await send(client, method, route.path("no-such-workspace"), accept);
            const label = `${method} ${route.path(y)} via ${who} (${accept})`;
            assertEquals(other.status, 404, label);
            assertEquals(missing.status, 404, label);
            const [o, m] = [await other.text(), await missing.text()];
            if (accept === "application/json" || route.key.includes("/api/")) {
              assertEquals(JSON.parse(o).error.code, JSON.parse(m).error.code, label);
            }
          }
        }
      }
      if (route.workspaceOnly && route.methods.includes("GET")) {
        const own = await b.fetch(route.path(y), { headers: { accept: "text/html" } });
        await own.body?.cancel();
        assert(own.status !== 404, `${route.key}: B reaches Y's own page`);
      }
    });
  }

  await t.step("/api/me?workspace= of another workspace is 404 too", async () => {
    assertEquals((await a.fetch(`/api/me?workspace=${y}`)).status, 404);
    assertEquals((await b.fetch(`/api/me?workspace=${y}`)).status, 200);
  });
}, { env: { SITE_OPERATORS: "bob@y.example" } });
