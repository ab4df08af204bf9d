import { Events, OAuth2Server } from "oauth2-mock-server";
import { assert, assertEquals, assertStringIncludes } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";
import { Client } from "./client.ts";
import { toCallback, waitForAudit } from "./oauth_helpers.ts";
import { oauthStateKey } from "../../kv/keys.ts";
import type { PendingSignIn } from "../../lib/auth/oauth/pending.ts";

for (const backend of ["pglite", "postgres"] as const) {
  Deno.test({
    name: `OIDC sign-in against oauth2-mock-server [${backend}]`,
    async fn(t) {
      const provider = new OAuth2Server();
      await provider.issuer.keys.generate("RS256");
      await provider.start(0, "127.0.0.1");
      const issuer = provider.issuer.url!;
      let claims: Record<string, unknown> = {
        sub: "oidc-user-1",
        email: "Lin@Example.org",
        email_verified: true,
        name: "Lin Example",
      };
      provider.service.on(Events.BeforeTokenSigning, (token) => {
        Object.assign(token.payload, claims);
      });
      const app = await startTestApp({
        backend,
        env: {
          TRUSTED_PROXY: "true",
          OIDC_ISSUER: issuer,
          OIDC_CLIENT_ID: "relay-test",
          OIDC_CLIENT_SECRET: "relay-test-secret",
          OIDC_NAME: "Acme SSO",
        },
      });
      try {
        await t.step("only the configured provider is offered", async () => {
          const page = await new Client(app).get("/signin");
          assertStringIncludes(page.text, 'href="/auth/oidc?next=%2Faccount"');
          assertStringIncludes(page.text, "Acme SSO");
          assert(!page.text.includes("/auth/github"), "GitHub is not configured");
          assertEquals((await new Client(app).get("/auth/github")).status, 404);
        });

        let usedCallback = "";
        const firstClient = new Client(app);
        await t.step("code + PKCE + state + nonce, ID token validated, signed in", async () => {
          const { authorize, callback } = await toCallback(
            firstClient,
            "oidc",
            "/account?from=sso",
          );
          usedCallback = callback;
          assertEquals(authorize.origin, new URL(issuer).origin);
          const q = authorize.searchParams;
          assertEquals(q.get("code_challenge_method"), "S256");
          assertEquals(q.get("response_type"), "code");
          assertEquals(q.get("scope"), "openid email profile");
          assert(q.get("state") && q.get("nonce") && q.get("code_challenge"));
          assertEquals(q.get("redirect_uri"), `${app.url}/auth/oidc/callback`);
          const done = await firstClient.get(callback);
          assertEquals(done.status, 303, done.text);
          assertEquals(done.location, "/account?from=sso");
          const me = await (await firstClient.fetch("/api/me")).json();
          assertEquals(me.user.email, "lin@example.org");
          assertEquals(me.role, "owner");
          await waitForAudit(app.services.db, "auth.sign_in");
        });

        await t.step("the same state cannot be used twice", async () => {
          const again = await firstClient.get(usedCallback);
          assertEquals(again.status, 400);
          assertStringIncludes(again.text, "This sign-in has expired");
          await waitForAudit(app.services.db, "auth.sign_in_failed", "state_invalid");
        });

        await t.step("the identity, not the e-mail, finds the user next time", async () => {
          claims = { ...claims, email: "lin.new@example.org" };
          const client = new Client(app);
          const { callback } = await toCallback(client, "oidc");
          assertEquals((await client.get(callback)).status, 303);
          const me = await (await client.fetch("/api/me")).json();
          assertEquals(me.user.email, "lin@example.org");
          claims = { ...claims, email: "Lin@Example.org" };
        });

        await t.step("an expired state is refused", async () => {
          const client = new Client(app);
          const { callback } = await toCallback(client, "oidc");
          const state = new URL(callback).searchParams.get("state")!;
          const key = oauthStateKey(state);
          const pending = (await app.services.kv.get<PendingSignIn>(key)).value!;
          await app.services.kv.set(key, { ...pending, createdAt: Date.now() - 11 * 60 * 1000 });
          const res = await client.get(callback);
          assertEquals(res.status, 400);
          assertStringIncludes(res.text, "10 minutes");
        });

        await t.step("a callback in another browser is refused", async () => {
          const { callback } = await toCallback(new Client(app), "oidc");
          const res = await new Client(app).get(callback);
          assertEquals(res.status, 400);
          assertStringIncludes(res.text, "started in another browser");
        });

        await t.step("denied consent is a friendly page", async () => {
          provider.service.once(Events.BeforeAuthorizeRedirect, ({ url }) => {
            url.searchParams.delete("code");
            url.searchParams.set("error", "access_denied");
          });
          const client = new Client(app);
          const { callback } = await toCallback(client, "oidc");
          const res = await client.get(callback);
          assertEquals(res.status, 400);
          assertStringIncludes(res.text, "Sign-in cancelled");
          await waitForAudit(app.services.db, "auth.sign_in_failed", "denied");
        });

        await t.step("a wrong PKCE verifier is rejected by the provider: 400", async () => {
          const client = new Client(app);
          const { callback } = await toCallback(client, "oidc");
          const key = oauthStateKey(new URL(callback).searchParams.get("state")!);
          const pending = (await app.services.kv.get<PendingSignIn>(key)).value!;
          await app.services.kv.set(key, { ...pending, codeVerifier: "x".repeat(64) });
          const res = await client.get(callback);
          assertEquals(res.status, 400);
          assertStringIncludes(res.text, "did not accept this sign-in");
          await waitForAudit(app.services.db, "auth.sign_in_failed", "code_rejected");
        });

        await t.step("a nonce mismatch fails ID-token validation", async () => {
          const client = new Client(app);
          const { callback } = await toCallback(client, "oidc");
          const key = oauthStateKey(new URL(callback).searchParams.get("state")!);
          const pending = (await app.services.kv.get<PendingSignIn>(key)).value!;
          await app.services.kv.set(key, { ...pending, nonce: "another-nonce-value" });
          const res = await client.get(callback);
          assertEquals(res.status, 400);
          assertStringIncludes(res.text, "did not pass our checks");
        });

        await t.step("an ID token signed with another key is refused", async () => {
          const client = new Client(app);
          const { callback } = await toCallback(client, "oidc");
          const key = oauthStateKey(new URL(callback).searchParams.get("state")!);
          const pending = (await app.services.kv.get<PendingSignIn>(key)).value!;
          const forger = new OAuth2Server();
          await forger.issuer.keys.generate("RS256");
          forger.issuer.url = issuer;
          const forged = await forger.issuer.buildToken({
            scopesOrTransform: (_header, payload) =>
              Object.assign(payload, claims, { aud: "relay-test", nonce: pending.nonce }),
          });
          provider.service.once(Events.BeforeResponse, (response) => {
            (response.body as Record<string, unknown>).id_token = forged;
          });
          const res = await client.get(callback);
          assertEquals(res.status, 400, res.text);
          assertStringIncludes(res.text, "did not pass our checks");
          await waitForAudit(app.services.db, "auth.sign_in_failed", "id_token_invalid");
        });

        await t.step("an unverified address is refused", async () => {
          claims = { ...claims, sub: "oidc-user-2", email: "x@example.org", email_verified: false };
          const client = new Client(app);
          const { callback } = await toCallback(client, "oidc");
          const res = await client.get(callback);
          assertEquals(res.status, 400);
          assertStringIncludes(res.text, "No verified e-mail address");
        });

        await t.step("the provider going down mid-flow is a 502 page, never a 500", async () => {
          const client = new Client(app);
          const { callback } = await toCallback(client, "oidc");
          await provider.stop();
          const res = await client.get(callback);
          assertEquals(res.status, 502);
          assertStringIncludes(res.text, "not answering");
          await waitForAudit(app.services.db, "auth.sign_in_failed", "provider_unavailable");
        });
      } finally {
        await app.stop();
        await provider.stop().catch(() => {});
      }
    },
  });
}
