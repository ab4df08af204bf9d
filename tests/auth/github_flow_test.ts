import { assert, assertEquals, assertStringIncludes } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";
import { Client } from "./client.ts";
import { startFakeGitHub } from "./fakes/github.ts";
import { toCallback, waitForAudit } from "./oauth_helpers.ts";
import { oauthStateKey } from "../../kv/keys.ts";
import type { PendingSignIn } from "../../lib/auth/oauth/pending.ts";

for (const backend of ["pglite", "postgres"] as const) {
  Deno.test({
    name: `GitHub-style OAuth sign-in against a loopback fake [${backend}]`,
    async fn(t) {
      const github = startFakeGitHub({
        clientId: "gh-client",
        clientSecret: "gh-secret",
        user: { id: 4242, login: "octo", name: null },
        emails: [
          { email: "octo-old@example.net", primary: false, verified: true },
          { email: "Octo@Example.net", primary: true, verified: true },
        ],
      });
      const app = await startTestApp({
        backend,
        env: {
          TRUSTED_PROXY: "true",
          GITHUB_CLIENT_ID: "gh-client",
          GITHUB_CLIENT_SECRET: "gh-secret",
          GITHUB_BASE_URL: github.url,
          GITHUB_API_URL: github.url,
        },
      });
      try {
        await t.step("the sign-in page offers GitHub and nothing unconfigured", async () => {
          const page = await new Client(app).get("/signin?next=/dashboard");
          assertStringIncludes(page.text, 'href="/auth/github?next=%2Fdashboard"');
          assert(!page.text.includes("/auth/google") && !page.text.includes("/auth/oidc"));
        });

        await t.step("authorization code + PKCE + state, verified primary e-mail", async () => {
          const client = new Client(app);
          const { authorize, callback } = await toCallback(client, "github", "/account?gh=1");
          assertEquals(
            authorize.origin + authorize.pathname,
            `${github.url}/login/oauth/authorize`,
          );
          assertEquals(authorize.searchParams.get("code_challenge_method"), "S256");
          assertEquals(authorize.searchParams.get("nonce"), null);
          const done = await client.get(callback);
          assertEquals(done.status, 303, done.text);
          assertEquals(done.location, "/account?gh=1");
          const sent = github.tokenRequests.at(-1)!;
          assert((sent.get("code_verifier") ?? "").length >= 43, "PKCE verifier sent");
          const me = await (await client.fetch("/api/me")).json();
          assertEquals(me.user.email, "octo@example.net");
          assertEquals(me.user.name, "octo");
          await waitForAudit(app.services.db, "auth.sign_in");

          const replay = await client.get(callback);
          assertEquals(replay.status, 400);
          assertStringIncludes(replay.text, "This sign-in has expired");
        });

        await t.step("denied consent is a friendly page", async () => {
          github.deny = true;
          const client = new Client(app);
          const { callback } = await toCallback(client, "github");
          const res = await client.get(callback);
          assertEquals(res.status, 400);
          assertStringIncludes(res.text, "Sign-in cancelled");
        });

        await t.step("a wrong verifier (GitHub answers 200 + error) is a 400 page", async () => {
          const client = new Client(app);
          const { callback } = await toCallback(client, "github");
          const key = oauthStateKey(new URL(callback).searchParams.get("state")!);
          const pending = (await app.services.kv.get<PendingSignIn>(key)).value!;
          await app.services.kv.set(key, { ...pending, codeVerifier: "y".repeat(64) });
          const res = await client.get(callback);
          assertEquals(res.status, 400);
          assertStringIncludes(res.text, "did not accept this sign-in");
          await waitForAudit(app.services.db, "auth.sign_in_failed", "code_rejected");
        });

        await t.step("no verified address at GitHub is refused", async () => {
          const saved = github.options.emails;
          github.options.emails = [{ email: "x@example.net", primary: true, verified: false }];
          github.options.user = { id: 777, login: "unverified", name: "U" };
          const client = new Client(app);
          const { callback } = await toCallback(client, "github");
          const res = await client.get(callback);
          assertEquals(res.status, 400);
          assertStringIncludes(res.text, "No verified e-mail address");
          github.options.emails = saved;
        });

        await t.step("GitHub down is a 502 page", async () => {
          const client = new Client(app);
          const { callback } = await toCallback(client, "github");
          await github.close();
          const res = await client.get(callback);
          assertEquals(res.status, 502);
          assertStringIncludes(res.text, "not answering");
        });
      } finally {
        await app.stop();
        await github.close().catch(() => {});
      }
    },
  });
}
