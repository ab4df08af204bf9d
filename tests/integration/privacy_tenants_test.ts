/**
 * Issue 14 item 3: leads still waiting in the outbox (say, during a database outage) are the
 * site's contact-form leads. Only the site's workspace (`SITE_WORKSPACE`), through its owners
 * and admins, may export or erase them; another tenant's owner sees and erases nothing of them.
 */
import { assertEquals } from "../support/assert.ts";
import { startTestApp } from "../support/app.ts";
import { createMember, type TestMember } from "../support/members.ts";
import { outboxKey } from "../../kv/keys.ts";
import type { LeadRecord } from "../../lib/leads/sink.ts";
import type { OutboxEntry } from "../../lib/outbox/outbox.ts";
import { ulid } from "../../lib/outbox/ulid.ts";

const VICTIM = "victim@customer.example";

for (const backend of ["pglite", "postgres"] as const) {
  Deno.test({
    name: `pending leads are the site workspace's alone [${backend}]`,
    ignore: backend === "postgres" && !Deno.env.get("DATABASE_URL"),
    sanitizeOps: false,
    sanitizeResources: false,
    fn: async () => {
      const app = await startTestApp({ backend, env: { SITE_WORKSPACE: "relay-site" } });
      try {
        const { kv, db } = app.services;
        const site = await createMember(app.services, app.url, "ops@relay.example", "Relay Site");
        assertEquals(site.workspace.slug, "relay-site");
        const stranger = await createMember(app.services, app.url, "boss@globex.example", "Globex");
        const join = async (email: string, role: string) => {
          const m = await createMember(app.services, app.url, email, `${role} home`);
          await db.query("insert into memberships (tenant_id, user_id, role) values ($1, $2, $3)", [
            site.workspace.id,
            m.userId,
            role,
          ]);
          return m;
        };
        const admin = await join("admin@relay.example", "admin");
        const member = await join("member@relay.example", "member");

        const id = ulid();
        const lead: LeadRecord = {
          id: crypto.randomUUID(),
          idempotencyKey: `lead:f:${id}`,
          name: "Vic Tim",
          email: VICTIM,
          company: "Customer Co",
          message: "Please call me about pricing.",
          consent: true,
          source: "contact",
          verification: "altcha",
          traceId: null,
          createdAt: new Date().toISOString(),
        };
        const entry: OutboxEntry<LeadRecord> = {
          id,
          kind: "lead",
          payload: lead,
          createdAt: lead.createdAt,
        };
        await kv.set(outboxKey(id), entry);
        const waiting = async () => (await kv.get(outboxKey(id))).value !== null;

        const post = (who: TestMember, slug: string, action: string) =>
          app.fetch(`/api/workspaces/${slug}/privacy/${action}`, {
            method: "POST",
            headers: { cookie: who.cookie, "content-type": "application/json", origin: app.url },
            body: JSON.stringify({ email: VICTIM.toUpperCase() }),
          });

        const peek = await post(stranger, stranger.workspace.slug, "export");
        assertEquals(peek.status, 200);
        const peeked = await peek.json();
        assertEquals([peeked.leads.length, peeked.pending.length], [0, 0]);
        const wipe = await post(stranger, stranger.workspace.slug, "erase");
        assertEquals(wipe.status, 200);
        assertEquals((await wipe.json()).pending, 0);
        assertEquals(await waiting(), true, "another tenant erased nothing");

        const forbidden = await post(member, site.workspace.slug, "export");
        assertEquals(forbidden.status, 403);
        await forbidden.body?.cancel();

        const exported = await (await post(admin, site.workspace.slug, "export")).json();
        assertEquals(exported.pending.map((p: LeadRecord) => p.email), [VICTIM]);
        const erased = await (await post(site, site.workspace.slug, "erase")).json();
        assertEquals(erased.pending, 1);
        assertEquals(await waiting(), false, "the site's owner erased the waiting lead");
      } finally {
        await app.stop();
      }
    },
  });
}
