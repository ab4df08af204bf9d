import { assert, assertEquals, assertStringIncludes } from "../support/assert.ts";
import { Client, latestMail, linkIn, signInByEmail } from "./client.ts";
import { appTest } from "./backends.ts";
import { waitForAudit } from "./oauth_helpers.ts";

type App = Parameters<Parameters<typeof appTest>[1]>[0];

async function userId(app: App, email: string): Promise<string> {
  const rows = await app.services.db.query<{ id: string }>(
    "select id from users where email = $1",
    [email],
  );
  return rows[0].id;
}

async function roleOf(app: App, email: string, slug: string): Promise<string | null> {
  const rows = await app.services.db.query<{ role: string }>(
    `select m.role from memberships m join users u on u.id = m.user_id
       join tenants t on t.id = m.tenant_id where u.email = $1 and t.slug = $2`,
    [email, slug],
  );
  return rows[0]?.role ?? null;
}

appTest("workspaces: invitations, roles, the last owner, API tokens", async (app, t) => {
  const ada = new Client(app);
  await signInByEmail(ada, app, "ada@example.com");
  const bob = new Client(app);
  const members = "/dashboard/ada/members";

  await t.step(
    "an owner invites by e-mail; the link signs the invitee into the workspace",
    async () => {
      const sent = await ada.post(members, {
        action: "invite",
        email: "bob@example.com",
        role: "member",
      });
      assertEquals(sent.status, 303);
      assertEquals(sent.location, `${members}?notice=invited`);
      assertStringIncludes((await ada.get(members)).text, "bob@example.com as member");
      const mail = await latestMail(app, "bob@example.com");
      assertStringIncludes(mail.subject, "ada's workspace");
      const link = linkIn(mail.text, "/signin/invite");
      const page = await bob.get(link);
      assertEquals(page.status, 200);
      assertStringIncludes(page.text, "Join ada's workspace");
      const token = new URL(link).searchParams.get("token")!;
      const joined = await bob.post("/signin/invite", { token });
      assertEquals(joined.status, 303);
      assertEquals(joined.location, members);
      const me = await (await bob.fetch("/api/me?workspace=ada")).json();
      assertEquals(me.role, "member");
      assertEquals(await roleOf(app, "bob@example.com", "ada"), "member");
      assertEquals((await new Client(app).post("/signin/invite", { token })).status, 400);
      await waitForAudit(app.services.db, "member.invited");
      await waitForAudit(app.services.db, "member.joined");
    },
  );

  await t.step("members see the list but cannot manage", async () => {
    const list = await bob.get(members);
    assertEquals(list.status, 200);
    assertStringIncludes(list.text, "ada@example.com");
    assert(!list.text.includes("Send invitation"), "no invite form for members");
    const invite = await bob.post(members, {
      action: "invite",
      email: "eve@example.com",
      role: "member",
    });
    assertEquals(invite.status, 403);
    const bobId = await userId(app, "bob@example.com");
    assertEquals(
      (await bob.post(members, { action: "change_role", user: bobId, role: "owner" })).status,
      403,
    );
    assertEquals((await bob.get("/dashboard/ada/tokens")).status, 403);
  });

  await t.step("owners change roles; admins cannot touch owners or grant ownership", async () => {
    const bobId = await userId(app, "bob@example.com");
    const adaId = await userId(app, "ada@example.com");
    const promoted = await ada.post(members, { action: "change_role", user: bobId, role: "admin" });
    assertEquals(promoted.status, 303);
    assertEquals(await roleOf(app, "bob@example.com", "ada"), "admin");
    await waitForAudit(app.services.db, "member.role_changed");
    assertEquals(
      (await bob.post(members, { action: "change_role", user: bobId, role: "owner" })).status,
      403,
    );
    assertEquals((await bob.post(members, { action: "remove", user: adaId })).status, 403);
    assertEquals(
      (await bob.post(members, { action: "invite", email: "o@example.com", role: "owner" })).status,
      403,
    );
    assertEquals(
      (await bob.post(members, { action: "invite", email: "m@example.com", role: "member" }))
        .status,
      303,
    );
  });

  await t.step("the last owner can be neither demoted nor removed", async () => {
    const adaId = await userId(app, "ada@example.com");
    const demote = await ada.post(members, { action: "change_role", user: adaId, role: "admin" });
    assertEquals(demote.status, 409);
    assertStringIncludes(demote.text, "at least one owner");
    assertEquals((await ada.post(members, { action: "remove", user: adaId })).status, 409);
    assertEquals(await roleOf(app, "ada@example.com", "ada"), "owner");
  });

  await t.step("two owners demoting each other at once leave one owner", async () => {
    const bobId = await userId(app, "bob@example.com");
    const adaId = await userId(app, "ada@example.com");
    await ada.post(members, { action: "change_role", user: bobId, role: "owner" });
    const [a, b] = await Promise.all([
      ada.post(members, { action: "change_role", user: bobId, role: "member" }),
      bob.post(members, { action: "change_role", user: adaId, role: "member" }),
    ]);
    const statuses = [a.status, b.status].sort();
    assertEquals(statuses[0], 303);
    assert(statuses[1] === 409 || statuses[1] === 403, `second change refused (${statuses})`);
    const owners = await app.services.db.query(
      `select 1 from memberships m join tenants t on t.id = m.tenant_id
        where t.slug = 'ada' and m.role = 'owner'`,
    );
    assertEquals(owners.length, 1);
  });

  await t.step("API tokens: shown once, hashed, act as member, revocable, expiring", async () => {
    const owner = (await roleOf(app, "ada@example.com", "ada")) === "owner" ? ada : bob;
    const created = await owner.post("/dashboard/ada/tokens", {
      action: "create",
      name: "ci",
      expires: "30",
    });
    assertEquals(created.status, 201);
    const token = created.text.match(/rly_[A-Za-z0-9_-]{40,}/)?.[0];
    assert(token, "the token is shown on creation");
    const listed = await owner.get("/dashboard/ada/tokens");
    assert(!listed.text.includes(token), "never shown again");
    assertStringIncludes(listed.text, token.slice(0, 10));
    const stored = await app.services.db.query<{ token_hash: string }>(
      "select token_hash from api_tokens",
    );
    assert(stored.every((r) => r.token_hash !== token && r.token_hash.length === 64), "hash only");
    await waitForAudit(app.services.db, "api_token.created");

    const bearer = (value: string, path = "/api/me") =>
      app.fetch(path, { headers: { authorization: `Bearer ${value}` } });
    const me = await (await bearer(token)).json();
    assertEquals([me.via, me.role, me.workspace.slug], ["token", "member", "ada"]);
    assertEquals((await bearer(token, "/api/me?workspace=nope")).status, 404);
    assertEquals((await bearer(token, "/dashboard/ada/tokens")).status, 403);
    const bad = await bearer("rly_notarealtoken");
    assertEquals(bad.status, 401);
    assertEquals((await bad.json()).error.code, "invalid_token");

    const id =
      (await app.services.db.query<{ id: string }>("select id from api_tokens where name = 'ci'"))[
        0
      ].id;
    const revoked = await owner.post("/dashboard/ada/tokens", { action: "revoke", token: id });
    assertEquals(revoked.status, 303);
    assertEquals((await bearer(token)).status, 401);
    await waitForAudit(app.services.db, "api_token.revoked");

    const second = await owner.post("/dashboard/ada/tokens", {
      action: "create",
      name: "short",
      expires: "7",
    });
    const token2 = second.text.match(/rly_[A-Za-z0-9_-]{40,}/)![0];
    assertEquals((await bearer(token2)).status, 200);
    await app.services.db.query(
      "update api_tokens set expires_at = now() - interval '1 second' where name = 'short'",
    );
    assertEquals((await bearer(token2)).status, 401);
    const bad2 = await owner.post("/dashboard/ada/tokens", {
      action: "create",
      name: "",
      expires: "7",
    });
    assertEquals(bad2.status, 400);
  });

  await t.step("removing a member ends their access and their tokens", async () => {
    const carol = new Client(app);
    const owner = (await roleOf(app, "ada@example.com", "ada")) === "owner" ? ada : bob;
    const invited = await owner.post(members, {
      action: "invite",
      email: "carol@example.com",
      role: "admin",
    });
    assertEquals(invited.status, 303);
    const link = linkIn((await latestMail(app, "carol@example.com")).text, "/signin/invite");
    await carol.post("/signin/invite", { token: new URL(link).searchParams.get("token")! });
    const made = await carol.post("/dashboard/ada/tokens", {
      action: "create",
      name: "carol",
      expires: "never",
    });
    const token = made.text.match(/rly_[A-Za-z0-9_-]{40,}/)![0];
    const carolId = await userId(app, "carol@example.com");
    assertEquals((await owner.post(members, { action: "remove", user: carolId })).status, 303);
    await waitForAudit(app.services.db, "member.removed");
    assertEquals((await carol.get(members)).status, 404);
    const viaToken = await app.fetch("/api/me", { headers: { authorization: `Bearer ${token}` } });
    assertEquals(viaToken.status, 401);
    const me = await (await carol.fetch("/api/me")).json();
    assertEquals(me.workspace.slug, "carol", "back in her personal workspace");
  });
});
