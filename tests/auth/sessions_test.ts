import { assert, assertEquals, assertStringIncludes } from "../support/assert.ts";
import { Client, signInByEmail } from "./client.ts";
import { appTest } from "./backends.ts";
import { sessionKey } from "../../kv/keys.ts";
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from "../../lib/auth/session.ts";
import type { Session } from "../../lib/auth/types.ts";
import { verify } from "../../lib/security/signing.ts";

async function sessionIdOf(
  app: { services: { settings: { sessionSecrets: string[] } } },
  c: Client,
) {
  return await verify(app.services.settings.sessionSecrets, c.cookies.get("session")!);
}

appTest(
  "sessions: cookie flags, rotation, expiry, sign out here and everywhere",
  async (app, t) => {
    await t.step(
      "the cookie is HttpOnly, SameSite=Lax, Path=/ and signed (plain name on local http)",
      async () => {
        const c = new Client(app);
        await signInByEmail(c, app, "flags@example.com");
        const cookie = c.setCookies.find((s) => s.name === "session" && s.value)!;
        assert(cookie, "a session cookie was set");
        assertEquals(cookie.attributes.httponly, true);
        assertEquals(cookie.attributes.samesite, "Lax");
        assertEquals(cookie.attributes.path, "/");
        assertEquals(cookie.attributes.domain, undefined);
        assert(
          Number(cookie.attributes["max-age"]) > 29 * 86400,
          "lives until the absolute expiry",
        );
        const id = await sessionIdOf(app, c);
        assert(id, "the cookie verifies with the session secret");
        const forged = new Client(app);
        forged.cookies.set("session", `${cookie.value.split(".")[0]}.AAAA`);
        assertEquals((await forged.get("/account")).status, 303);
        const stored = (await app.services.kv.get<Session>(sessionKey(id!))).value!;
        assert(stored.userId && stored.workspaceId, "KV holds user and workspace ids");
        assertEquals(stored.expiresAt - stored.createdAt, SESSION_ABSOLUTE_MS);
      },
    );

    await t.step("signing in again issues a new session id and ends the old one", async () => {
      const c = new Client(app);
      await signInByEmail(c, app, "rotate@example.com");
      const before = c.cookies.get("session")!;
      const firstId = await sessionIdOf(app, c);
      await signInByEmail(c, app, "rotate@example.com");
      const secondId = await sessionIdOf(app, c);
      assert(firstId !== secondId, "a new id");
      assertEquals((await app.services.kv.get(sessionKey(firstId!))).value, null);
      const stale = new Client(app);
      stale.cookies.set("session", before);
      const res = await stale.get("/account");
      assertEquals(res.status, 303);
      assertEquals(res.location, "/signin?next=%2Faccount");
    });

    await t.step("a planted (fixated) cookie never becomes a signed-in session", async () => {
      const attacker = new Client(app);
      await signInByEmail(attacker, app, "attacker@example.com");
      const planted = attacker.cookies.get("session")!;
      const victim = new Client(app);
      victim.cookies.set("session", planted);
      await signInByEmail(victim, app, "victim@example.com");
      assert(victim.cookies.get("session") !== planted);
      const me = await (await attacker.fetch("/api/me")).json();
      assertEquals(me.error.code, "unauthorized");
    });

    await t.step("idle and absolute expiry end sessions", async () => {
      for (
        const patch of [
          (s: Session) => ({ ...s, lastSeenAt: Date.now() - SESSION_IDLE_MS - 1000 }),
          (s: Session) => ({ ...s, expiresAt: Date.now() - 1000 }),
        ]
      ) {
        const c = new Client(app);
        await signInByEmail(c, app, "expiry@example.com");
        const id = (await sessionIdOf(app, c))!;
        const s = (await app.services.kv.get<Session>(sessionKey(id))).value!;
        await app.services.kv.set(sessionKey(id), patch(s));
        assertEquals((await c.fetch("/api/me")).status, 401);
        assertEquals((await app.services.kv.get(sessionKey(id))).value, null);
      }
    });

    await t.step(
      "unauthenticated: pages redirect to /signin?next=..., APIs answer 401 JSON",
      async () => {
        const page = await new Client(app).get("/account?tab=2", { accept: "text/html" });
        assertEquals(page.status, 303);
        assertEquals(page.location, "/signin?next=%2Faccount%3Ftab%3D2");
        const api = await new Client(app).fetch("/api/me");
        assertEquals(api.status, 401);
        assertEquals((await api.json()).error.code, "unauthorized");
      },
    );

    await t.step(
      "active sessions are listed; sign out here, then sign out everywhere",
      async () => {
        const laptop = new Client(app, {
          "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0",
        });
        const phone = new Client(app, {
          "user-agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Safari/604.1",
        });
        await signInByEmail(laptop, app, "many@example.com");
        await signInByEmail(phone, app, "many@example.com");
        const page = await laptop.get("/account");
        assertStringIncludes(page.text, "Firefox on Linux");
        assertStringIncludes(page.text, "Safari on iOS");
        assertStringIncludes(page.text, "(this browser)");
        const out = await phone.post("/signout", {});
        assertEquals(out.status, 303);
        assertEquals(out.location, "/signin?notice=signed_out");
        assertEquals(phone.cookies.has("session"), false);
        assertEquals((await phone.fetch("/api/me")).status, 401);
        assertEquals((await laptop.fetch("/api/me")).status, 200);
        // Sign out everywhere ends every session of this user, and only theirs.
        {
          const tablet = new Client(app);
          await signInByEmail(tablet, app, "many@example.com");
          const other = new Client(app);
          await signInByEmail(other, app, "someone-else@example.com");
          const res = await laptop.post("/account", { action: "signout_everywhere" });
          assertEquals(res.status, 303);
          assertEquals(res.location, "/signin?notice=signed_out_everywhere");
          assertEquals((await laptop.fetch("/api/me")).status, 401);
          assertEquals((await tablet.fetch("/api/me")).status, 401);
          assertEquals((await other.fetch("/api/me")).status, 200, "other users stay signed in");
        }
      },
    );
  },
);
