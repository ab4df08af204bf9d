/**
 * Issue 14 item 1, as a class: control characters (C0, DEL), CR/LF and lone surrogates in
 * every query parameter, path parameter, header and string body field of every endpoint of
 * the manifest, sent over raw HTTP/1.1 to the real server running as a separate process. After
 * each case the process must still run and `/healthz` answer, and no case may answer a 5xx.
 * `deno task test` runs one value per endpoint, method and position (a few hundred cases);
 * `deno task test:fuzz` runs every value.
 */
import { assertEquals } from "../support/assert.ts";
import { assertHealthy, type ServerProcess, startServerProcess } from "../support/process.ts";
import { Client, signInByEmail } from "../auth/client.ts";
import type { TestApp } from "../support/app.ts";
import { endpoints, pathOf } from "./endpoints.ts";
import { percent, type RawRequest, sendRaw } from "./raw_http.ts";
import { fuzzRuns } from "./runs.ts";
import { bodyCases } from "./bodies.ts";
import fc from "fast-check";

const NASTY: string[] = [
  ...Array.from({ length: 31 }, (_, i) => `/x${String.fromCharCode(i + 1)}y`),
  "/x\x7fy",
  "\x7f",
  "a\x00b",
  "a\r\nset-cookie: x=1",
  "\r\n\r\n",
  "a\ud800b",
  "\udfff",
  "x\ud83d",
  "a\u2028b",
  "\ufeff\u202e",
];

const QUERY_NAMES = [
  "return",
  "next",
  "cursor",
  "q",
  "status",
  "agent",
  "token",
  "workspace",
  "last",
  "heartbeat",
  "lastEventId",
  "after",
  "notice",
  "sent",
];

const HEADER_NAMES = [
  "x-request-id",
  "traceparent",
  "x-forwarded-for",
  "x-forwarded-proto",
  "last-event-id",
  "authorization",
  "cookie",
  "accept",
  "accept-encoding",
  "accept-language",
  "if-none-match",
  "origin",
  "referer",
  "user-agent",
  "x-demo-key",
  "idempotency-key",
  "content-type",
];

const FIELD_NAMES = [
  "name",
  "email",
  "company",
  "message",
  "return",
  "next",
  "token",
  "choice",
  "only",
  "q",
  "title",
  "agent",
  "input",
  "question",
  "text",
  "url",
  "slug",
  "role",
  "action",
  "note",
  "body",
  "status",
  "formToken",
  "captcha",
  "type",
  "path",
  "label",
  "kind",
  "session",
  "user",
  "invitation",
  "days",
  "consent",
  "analytics",
  "telemetry",
  "description",
  "website",
];

type Position = "query" | "raw-query" | "path" | "header" | "json" | "form";

/**
 * Valid bodies of the endpoints that have one: a case poisons one field and keeps the others
 * valid, so the poisoned value reaches the handler instead of failing validation first.
 */
const BASELINES: Record<string, Record<string, unknown>> = {
  ...Object.fromEntries(
    bodyCases.map((c) => [c.path, fc.sample(c.valid, { numRuns: 1, seed: 14 })[0]]),
  ),
  "/consent": { choice: "reject", return: "/cookies", only: "analytics", analytics: "on" },
  "/signin": { email: "fuzz@example.com", next: "/account" },
};

let server: ServerProcess;
let port = 0;
let cookie = "";
let slug = "";
let ipCounter = 0;
const failures: string[] = [];
const test = (name: string, fn: () => Promise<void>) =>
  Deno.test({ name, sanitizeOps: false, sanitizeResources: false, fn });

function caseOf(
  method: string,
  pattern: string,
  position: Position,
  value: string,
  member: boolean,
  field: string | null,
) {
  const params = position === "path" ? percent(value) : null;
  let path = pathOf(pattern, (name) => params ?? (name === "workspace" ? slug : "fuzz"));
  if (position === "query") {
    path += "?" + QUERY_NAMES.map((n) => `${n}=${percent(value)}`).join("&");
  } else if (position === "raw-query") {
    path += `?return=${value}&q=${value}`;
  }
  const ip = `10.99.${(ipCounter >> 8) & 255}.${ipCounter++ & 255}`;
  const headers: [string, string][] = [
    ["x-forwarded-for", ip],
    ["origin", `http://127.0.0.1:${port}`],
  ];
  if (member) headers.push(["cookie", cookie]);
  let body: Uint8Array | undefined;
  if (position === "header") {
    for (const name of HEADER_NAMES) {
      if (name === "x-forwarded-for" || name === "origin") continue;
      headers.push([name, value]);
    }
  } else if (position === "json" || position === "form") {
    const fields: Record<string, unknown> = field === null
      ? { ...Object.fromEntries(FIELD_NAMES.map((n) => [n, value])), input: { question: value } }
      : { ...BASELINES[pattern], [field]: value };
    if (position === "json") {
      headers.push(["content-type", "application/json"]);
      body = new TextEncoder().encode(JSON.stringify(fields));
    } else {
      headers.push(["content-type", "application/x-www-form-urlencoded"]);
      const pairs = Object.entries(fields).map(([k, v]) =>
        `${k}=${percent(typeof v === "string" ? v : JSON.stringify(v))}`
      );
      body = new TextEncoder().encode(pairs.join("&"));
    }
  }
  const req: RawRequest = { method, target: path, headers, body };
  return req;
}

function positionsOf(method: string, pattern: string): Position[] {
  const out: Position[] = ["query", "raw-query", "header"];
  if (pattern.includes(":")) out.push("path");
  if (method !== "GET") out.push("json", "form");
  return out;
}

test("starts the server as a process and signs a member in", async () => {
  const dataDir = await Deno.makeTempDir();
  server = await startServerProcess({
    DATA_DIR: dataDir,
    KV_PATH: ":memory:",
    DATABASE_URL: "memory://",
    TRUSTED_PROXY: "true",
    LOG_LEVEL: "error",
  }, 90_000);
  port = Number(new URL(server.url).port);
  const app = {
    url: server.url,
    fetch: (p: string, init?: RequestInit) => fetch(new URL(p, server.url), init),
  } as unknown as TestApp;
  const client = new Client(app);
  await signInByEmail(client, app, "fuzz-ctl@example.com");
  cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const dash = await client.fetch("/dashboard");
  await dash.body?.cancel();
  slug = decodeURIComponent((dash.headers.get("location") ?? "/dashboard/none").split("/")[2]);
});

let caseNo = 0;
const CONTROLS = NASTY.slice(0, 32);
const OTHERS = NASTY.slice(32);

/** The values of one position's cases: every value, or one control character and one other. */
function valuesFor(n: number): string[] {
  if (fuzzRuns(1) > 1) return NASTY;
  return [CONTROLS[n % CONTROLS.length], OTHERS[n % OTHERS.length]];
}

for (const e of endpoints()) {
  for (const method of e.methods) {
    test(`${method} ${e.pattern}: control characters and lone surrogates never crash the process`, async () => {
      const baseline = BASELINES[e.pattern];
      const fields = baseline ? Object.keys(baseline) : [null];
      const cases = positionsOf(method, e.pattern).flatMap((
        position,
      ): { position: Position; field: string | null }[] =>
        position === "json" || position === "form"
          ? fields.map((field) => ({ position, field }))
          : [{ position, field: null }]
      );
      for (const { position, field } of cases) {
        for (const [k, value] of valuesFor(caseNo++).entries()) {
          const member = (caseNo + k) % 2 === 1;
          const req = caseOf(method, e.pattern, position, value, member, field);
          const status = await sendRaw(port, req);
          const label = `${method} ${req.target.slice(0, 80)} [${position} ${field ?? ""}, ${
            JSON.stringify(value)
          }, ${member ? "member" : "anonymous"}]`;
          await assertHealthy(server, label);
          if (status !== null && status >= 500) failures.push(`${label} -> ${status}`);
        }
      }
    });
  }
}

test("no case answered a 5xx, and the process never panicked", async () => {
  const output = server.output();
  await server.stop();
  assertEquals(failures, []);
  assertEquals(output.includes("panicked"), false, output.slice(-4000));
});
