/**
 * Every endpoint of the manifest, every method it answers, with arbitrary path parameters,
 * query strings, bodies, content types and callers (anonymous, a signed-in member, an API
 * token): the answer is never a 5xx. Routes added later are covered automatically.
 */
import fc from "fast-check";
import { assert } from "../support/assert.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { createMember, createToken, type TestMember } from "../support/members.ts";
import { type Endpoint, endpoints, pathOf } from "./endpoints.ts";
import { fuzzParams } from "./runs.ts";

let app: TestApp;
let member: TestMember;
let token: string;
const test = (name: string, fn: () => Promise<void>) =>
  Deno.test({ name, sanitizeOps: false, sanitizeResources: false, fn });

const text = fc.string({ maxLength: 40, unit: "binary" });

const bodyArb = fc.oneof(
  fc.json({ maxDepth: 3 }),
  text,
  fc.dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 30 }), { maxKeys: 6 })
    .map((d) => new URLSearchParams(d).toString()),
  fc.constant(""),
  fc.constant("{"),
  fc.constant("x".repeat(70_000)),
);

const typeArb = fc.constantFrom(
  "application/json",
  "application/x-www-form-urlencoded",
  "text/plain",
  "multipart/form-data; boundary=fuzz",
  "application/xml",
  null,
);

const callerArb = fc.constantFrom("anonymous", "member", "token");

function paramArb(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constant("__slug__"),
    fc.uuid(),
    fc.string({ maxLength: 30 }),
    fc.constantFrom("..", "%2e%2e", "0", "-1", "a".repeat(300), "null", "index"),
  );
}

function requestArb(e: Endpoint) {
  return fc.record({
    method: fc.constantFrom(...e.methods),
    params: fc.array(paramArb(), { minLength: 4, maxLength: 4 }),
    query: fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 }), {
      maxKeys: 3,
    }),
    body: bodyArb,
    type: typeArb,
    caller: callerArb,
    ip: fc.ipV4(),
  });
}

type Req = ReturnType<typeof requestArb> extends fc.Arbitrary<infer T> ? T : never;

async function send(e: Endpoint, r: Req): Promise<number> {
  let i = 0;
  const path = pathOf(e.pattern, () => {
    const v = r.params[i++ % r.params.length];
    return v === "__slug__" ? member.workspace.slug : encodeURIComponent(v);
  });
  const qs = new URLSearchParams(r.query).toString();
  const headers = new Headers({ "x-forwarded-for": r.ip, accept: "application/json" });
  if (r.caller === "member") headers.set("cookie", member.cookie);
  if (r.caller === "token") headers.set("authorization", `Bearer ${token}`);
  const hasBody = r.method !== "GET";
  if (hasBody && r.type) headers.set("content-type", r.type);
  const res = await app.fetch(path + (qs ? `?${qs}` : ""), {
    method: r.method,
    headers,
    body: hasBody ? r.body : undefined,
    redirect: "manual",
    signal: AbortSignal.timeout(10_000),
  });
  await res.body?.cancel();
  return res.status;
}

test("starts the app with a member and an API token", async () => {
  app = await startTestApp({ env: { TRUSTED_PROXY: "true" } });
  member = await createMember(app.services, app.url, "fuzz@fuzz.example", "Fuzz Co");
  token = await createToken(app.services, member);
});

for (const e of endpoints()) {
  if (e.methods.length === 0) continue;
  test(`${e.methods.join(",")} ${e.pattern}: arbitrary requests never get a 5xx`, async () => {
    await fc.assert(
      fc.asyncProperty(requestArb(e), async (r) => {
        const status = await send(e, r);
        assert(status < 500, `${r.method} ${e.pattern} answered ${status}`);
      }),
      fuzzParams(8),
    );
  });
}

test("stops the app", async () => {
  await app.stop();
});
