import { assert, assertEquals } from "../support/assert.ts";
import { sign, signJson, verify, verifyJson } from "../../lib/security/signing.ts";

const OLD = "old-key-old-key-old-key-old-key-old-key!";
const NEW = "new-key-new-key-new-key-new-key-new-key!";

Deno.test("a token signed with the old key still verifies after rotation; new tokens use the new key", async () => {
  const before = await sign([OLD], "session:42");
  assertEquals(await verify([NEW, OLD], before), "session:42");
  const after = await sign([NEW, OLD], "session:43");
  assertEquals(await verify([NEW], after), "session:43");
  assertEquals(await verify([OLD], after), null, "signed with the first key only");
  assertEquals(await verify([NEW], before), null, "a dropped key no longer verifies");
});

Deno.test("tampered, truncated and malformed tokens are refused", async () => {
  const token = await sign([NEW], "hello");
  const [body, mac] = token.split(".");
  const other = btoa("hellp").replace(/=+$/, "");
  assertEquals(await verify([NEW], `${other}.${mac}`), null);
  assertEquals(await verify([NEW], `${body}.${mac.slice(0, -2)}`), null);
  for (const bad of ["", ".", "a.b.c", "no-dot", `${body}.!!`, `${body}.`]) {
    assertEquals(await verify([NEW], bad), null, bad);
  }
});

Deno.test("signJson carries an expiry inside the signed payload", async () => {
  const now = Date.UTC(2026, 0, 1);
  const token = await signJson([NEW], { sub: "u1" }, { expiresIn: 60, now });
  const value = await verifyJson<{ sub: string }>([NEW, OLD], token, { now: now + 59_000 });
  assertEquals(value?.sub, "u1");
  assertEquals(value?.exp, now / 1000 + 60);
  assertEquals(await verifyJson([NEW], token, { now: now + 60_000 }), null, "expired");
  const forever = await signJson([NEW], { sub: "u2" });
  assert(await verifyJson([NEW], forever));
  assertEquals(await verifyJson([NEW], await sign([NEW], "[1,2]")), null, "not an object");
});
