/** Drives an OAuth/OIDC sign-in over real HTTP redirects between the app and a provider. */
import { assertEquals } from "../support/assert.ts";
import type { Client } from "./client.ts";
import type { Db } from "../../lib/db/types.ts";

/** Starts at `/auth/<provider>`, follows the provider's redirect, and returns the callback URL. */
export async function toCallback(client: Client, provider: string, next?: string) {
  const start = await client.get(
    `/auth/${provider}${next ? `?next=${encodeURIComponent(next)}` : ""}`,
  );
  assertEquals(start.status, 303, start.text);
  const authorize = new URL(start.location!);
  const atProvider = await fetch(authorize, { redirect: "manual" });
  await atProvider.body?.cancel();
  assertEquals(atProvider.status, 302);
  return { authorize, callback: atProvider.headers.get("location")! };
}

/** Audit actions recorded so far (waits until `action` shows up, up to 30 s). */
export async function waitForAudit(db: Db, action: string, reason?: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const rows = await db.query<{ diff: { reason?: string } | null }>(
      "select diff from audit_log where action = $1",
      [action],
    );
    if (rows.some((r) => reason === undefined || r.diff?.reason === reason)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no audit entry ${action}${reason ? ` (${reason})` : ""}`);
}
