import { assert, assertEquals } from "../support/assert.ts";
import {
  consentFrom,
  consentSetCookie,
  formatConsentValue,
  parseConsentValue,
  readCookie,
  resolveConsent,
} from "../../lib/consent.ts";

const req = (headers: Record<string, string>) => new Request("http://x/", { headers });

Deno.test("the consent cookie lists accepted categories and parses back", () => {
  assertEquals(formatConsentValue(["telemetry", "analytics"]), "analytics.telemetry");
  assertEquals(formatConsentValue([]), "necessary");
  assertEquals([...parseConsentValue("analytics")!], ["analytics"]);
  assertEquals([...parseConsentValue("analytics%2Ctelemetry")!].sort(), ["analytics", "telemetry"]);
  assertEquals([...parseConsentValue("necessary")!], []);
  assertEquals([...parseConsentValue("bogus.%E0")!], []);
  assertEquals(parseConsentValue(null), null);
  assertEquals(readCookie("a=1; consent=analytics; b=2", "consent"), "analytics");
  assertEquals(readCookie("xconsent=analytics", "consent"), null);
});

Deno.test("no choice: analytics and telemetry off (opt-in); a choice is respected", () => {
  const none = resolveConsent(null);
  assertEquals([none.analytics, none.telemetry, none.decided], [false, false, false]);
  const yes = resolveConsent("analytics.telemetry");
  assertEquals([yes.analytics, yes.telemetry, yes.decided], [true, true, true]);
  const reject = resolveConsent("necessary");
  assertEquals([reject.analytics, reject.telemetry, reject.decided], [false, false, true]);
});

Deno.test("consentFrom: the cookie, overridden by Sec-GPC: 1 or DNT: 1", () => {
  assertEquals(consentFrom(req({ cookie: "consent=analytics" })).analytics, true);
  const gpc = consentFrom(req({ cookie: "consent=analytics.telemetry", "sec-gpc": "1" }));
  assertEquals([gpc.analytics, gpc.telemetry, gpc.signal], [false, false, "gpc"]);
  const dnt = consentFrom(req({ cookie: "consent=analytics", dnt: "1" }));
  assertEquals([dnt.analytics, dnt.signal], [false, "dnt"]);
  assertEquals(consentFrom(req({ cookie: "consent=analytics", dnt: "0" })).analytics, true);
  assertEquals(consentFrom(req({})).analytics, false);
});

Deno.test("the Set-Cookie value is first-party, long-lived, Lax, and Secure on https", () => {
  const c = consentSetCookie(["analytics"], { secure: true });
  assert(c.startsWith("consent=analytics; Path=/; Max-Age="), c);
  assert(c.includes("SameSite=Lax") && c.endsWith("; Secure"), c);
  assert(!consentSetCookie([], { secure: false }).includes("Secure"));
});
