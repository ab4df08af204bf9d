/**
 * Injection attacks: XSS payloads into every form and JSON endpoint that exists (found from the
 * route manifest and the pages' forms, so new ones are covered), escaped wherever rendered; SQL
 * metacharacters stored verbatim.
 */
import {
  assert,
  assertEquals,
  assertNotIncludes,
  assertStringIncludes,
} from "../support/assert.ts";
import { check, client, formsOf, SQL, startAttackTarget, XSS } from "../support/attack.ts";
import { eventually, oldToken, solvedAltcha } from "../support/leads.ts";

Deno.test("attack suite: injection", async (t) => {
  const { app, member, slug, anon, freshSession, routes, pages } = await startAttackTarget();
  try {
    let signedIn = client(app, member.cookie);
    await t.step("XSS payloads in every form are escaped wherever they come back", async () => {
      let forms = 0;
      for (const who of [anon, signedIn]) {
        for (const page of pages) {
          const res = await who(page, { headers: { accept: "text/html" } });
          const html = await check(res, `GET ${page}`);
          for (const form of formsOf(page, html, XSS)) {
            forms++;
            const body = new URLSearchParams(form.fields);
            const posted = await who(form.action, {
              method: "POST",
              headers: {
                "content-type": "application/x-www-form-urlencoded",
                accept: "text/html",
              },
              body,
            });
            await check(posted, `POST ${form.action} (form on ${page})`);
          }
        }
      }
      assert(forms >= 2, `found ${forms} forms`);
    });

    await t.step("XSS payloads into every JSON endpoint get JSON back, never a 5xx", async () => {
      signedIn = client(app, await freshSession());
      const generic = {
        name: XSS,
        email: "x@example.com",
        company: XSS,
        message: XSS,
        text: XSS,
        query: XSS,
        q: XSS,
        title: XSS,
        type: XSS,
        kind: "error",
        agent: XSS,
        input: { text: XSS, question: XSS, url: XSS },
        events: [{ type: XSS, path: XSS }],
      };
      const apis = routes.filter((r) =>
        /^\/(api|demo)\//.test(r.path) && r.methods.some((m) => m !== "GET")
      );
      assert(apis.length >= 3, "JSON endpoints found");
      for (const r of apis) {
        for (const method of r.methods.filter((m) => m !== "GET")) {
          const res = await signedIn(r.path, {
            method,
            headers: { "content-type": "application/json" },
            body: JSON.stringify(generic),
          });
          const text = await check(res, `${method} ${r.path}`);
          if (res.status >= 400 && res.status !== 405) {
            assertStringIncludes(res.headers.get("content-type") ?? "", "application/json");
            assert(JSON.parse(text).error.code, `${r.path} error has a code`);
          }
        }
      }
    });

    await t.step(
      "a lead and a run carrying XSS and SQL are stored verbatim and shown escaped",
      async () => {
        signedIn = client(app, await freshSession());
        const lead = {
          name: `Eve ${XSS}`,
          email: "eve@example.com",
          company: SQL,
          message: `${XSS} ${SQL}`,
          consent: true,
          formToken: await oldToken(app.services),
          captcha: await solvedAltcha((p) => anon(p)),
          source: "contact",
        };
        const res = await anon("/api/leads", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(lead),
        });
        assert(res.status < 300, `lead accepted: ${res.status} ${await res.clone().text()}`);
        await res.body?.cancel();
        let stored: { id: string; company: string; message: string }[] = [];
        await eventually(
          async () => {
            stored = await app.services.db.query(
              "select id, company, message from leads where email = $1",
              ["eve@example.com"],
            );
            return stored.length === 1;
          },
          15_000,
          "the lead in Postgres",
        );
        assertEquals(stored[0].company, SQL, "SQL metacharacters stored verbatim");
        assertEquals(stored[0].message, `${XSS} ${SQL}`);
        for (
          const path of [`/dashboard/${slug}/leads`, `/dashboard/${slug}/leads/${stored[0].id}`]
        ) {
          const resp = await signedIn(path);
          assertEquals(resp.status, 200, path);
          const page = await check(resp, path);
          const i = page.indexOf("Eve");
          assertStringIncludes(
            page,
            "Eve &lt;script>",
            `${path}: ${page.slice(i - 200, i + 300)}`,
          );
        }

        const agents = (await (await anon("/api/agents")).json()).agents as {
          id: string;
          example: Record<string, unknown>;
        }[];
        const agent = agents[0];
        const input = Object.fromEntries(
          Object.entries(agent.example).map((
            [k, v],
          ) => [k, typeof v === "string" ? `${XSS} ${SQL}` : v]),
        );
        const started = await signedIn("/api/runs", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ agent: agent.id, input }),
        });
        const { runId } = JSON.parse(await check(started, "POST /api/runs"));
        assert(runId, "run started");
        const run = await (await signedIn(`/api/runs/${runId}`)).json();
        assertEquals(
          JSON.stringify(run).includes(JSON.stringify(`${XSS} ${SQL}`).slice(1, -1)),
          true,
        );
        const [row] = await app.services.db.query<{ input: unknown }>(
          "select input from agent_runs where id = $1",
          [runId],
        );
        if (row) assertStringIncludes(JSON.stringify(row.input), JSON.stringify(SQL).slice(1, -1));
        const page = await check(await signedIn(`/dashboard/${slug}/runs/${runId}`), "run page");
        assertNotIncludes(page, "<script>alert");
      },
    );
  } finally {
    await app.stop();
  }
});
