/** Helpers for ticket tests: the dashboard forms a member uses and signed webhook deliveries. */
import { ticketSignature } from "../../lib/tickets/signature.ts";
import type { TestApp } from "./app.ts";
import type { TestMember } from "./members.ts";

/** POSTs a dashboard form as `member`; returns the response (redirects not followed). */
export function postForm(
  app: TestApp,
  member: TestMember,
  path: string,
  fields: Record<string, string>,
): Promise<Response> {
  return app.fetch(path, {
    method: "POST",
    headers: {
      cookie: member.cookie,
      origin: app.url,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
}

/** Creates (or rotates) the workspace's signing key on its settings page; returns the key. */
export async function createSigningKey(app: TestApp, member: TestMember): Promise<string> {
  const res = await postForm(
    app,
    member,
    `/dashboard/${member.workspace.slug}/tickets/settings`,
    { action: "rotate_key" },
  );
  const html = await res.text();
  const key = /id="new-key"[^>]*value="(rtk_[A-Za-z0-9_-]+)"/.exec(html)?.[1] ??
    /value="(rtk_[A-Za-z0-9_-]+)"[^>]*id="new-key"/.exec(html)?.[1];
  if (res.status !== 201 || !key) throw new Error(`no key shown (HTTP ${res.status})`);
  return key;
}

/** Sends a ticket to a workspace's webhook, signed with `key` at `timestamp` (default now). */
export async function sendTicket(
  app: TestApp,
  slug: string,
  key: string,
  ticket: unknown,
  { timestamp = Math.floor(Date.now() / 1000), body }: { timestamp?: number; body?: string } = {},
): Promise<Response> {
  const raw = body ?? JSON.stringify(ticket);
  return await app.fetch(`/api/workspaces/${slug}/tickets`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-relay-timestamp": String(timestamp),
      "x-relay-signature": await ticketSignature(key, timestamp, raw),
    },
    body: raw,
  });
}

/** An urgent outage ticket with a named customer. */
export const OUTAGE = {
  subject: "Everything is down",
  body: "Our whole team cannot load the dashboard, the site is down for everyone since 9am. " +
    "This is urgent, production is blocked.",
  customer: { name: "Olu", email: "olu@customer.example" },
  externalId: "HD-1",
};

/** A billing ticket the workspace answers automatically. */
export const BILLING = {
  subject: "Charged twice this month",
  body: "I was charged twice for the Team plan this month, please refund the extra payment.",
  externalId: "HD-2",
};

/** A how-to question the docs answer. */
export const HOW_TO = {
  subject: "How do I run it locally?",
  body: "How do I run the site locally on my laptop? Which command starts it?",
  externalId: "HD-3",
};
