/**
 * The body schemas of the JSON endpoints and forms, as fast-check arbitraries: what a valid
 * body looks like, and for each field the values that must be refused. A new JSON endpoint or
 * form adds a row here (routes_fuzz_test.ts already sends it arbitrary requests).
 */
import fc from "fast-check";
import { DEMO_EVENT_TYPES } from "../../lib/tracking/events.ts";

/** One endpoint's body schema. */
export interface BodyCase {
  method: "POST";
  path: string;
  encoding: "json" | "form";
  /** Statuses that mean "accepted". */
  ok: number[];
  /** Valid bodies (fields the client chooses; the test adds tokens where needed). */
  valid: fc.Arbitrary<Record<string, unknown>>;
  /** Per field, values that make an otherwise valid body invalid (`undefined`: leave it out). */
  invalid: Record<string, unknown[]>;
  /** Fields that may carry extra, unknown keys without being refused. */
  extraKeysAllowed: boolean;
}

const words = fc.stringMatching(/^[A-Za-z][A-Za-z ,.]{0,60}[a-z]$/);
const email = fc.tuple(
  fc.stringMatching(/^[a-z][a-z0-9.]{0,15}$/),
  fc.stringMatching(/^[a-z]{2,10}$/),
)
  .map(([user, host]) => `${user}@${host}.example`);
const leadFields = fc.record({
  name: words,
  email,
  company: fc.option(words, { nil: undefined }),
  message: fc.stringMatching(/^[A-Za-z][A-Za-z ,.]{10,300}[a-z.]$/),
  consent: fc.constant(true),
}, { requiredKeys: ["name", "email", "message", "consent"] });
const leadInvalid = {
  name: ["", "   ", "x".repeat(121), undefined],
  email: ["", "no-at-sign", "a@b", `${"x".repeat(250)}@a.example`, undefined],
  message: ["too short", "x".repeat(5001), undefined],
  consent: [false, "no", undefined],
};

/** The body cases, one per JSON endpoint or form. */
export const bodyCases: BodyCase[] = [
  {
    method: "POST",
    path: "/api/leads",
    encoding: "json",
    ok: [202],
    valid: leadFields,
    invalid: leadInvalid,
    extraKeysAllowed: true,
  },
  {
    method: "POST",
    path: "/contact",
    encoding: "form",
    ok: [303],
    valid: leadFields.map((f) => ({ ...f, consent: "on" })),
    invalid: { ...leadInvalid, consent: ["", "off", undefined] },
    extraKeysAllowed: true,
  },
  {
    method: "POST",
    path: "/demo/record",
    encoding: "json",
    ok: [202],
    valid: fc.record({
      type: fc.constantFrom(...DEMO_EVENT_TYPES),
      path: fc.stringMatching(/^\/[a-z0-9\/-]{0,40}$/),
      agent: fc.stringMatching(/^[a-z][a-z0-9-]{0,30}$/),
      label: words,
      durationMs: fc.integer({ min: 0, max: 86_400_000 }),
      tokens: fc.integer({ min: 0, max: 10_000_000 }),
    }, { requiredKeys: ["type"] }),
    invalid: {
      type: ["", "unknown_type", 5, null, undefined],
      path: ["no-slash", "/with?query", 7, "/" + "x".repeat(600)],
      agent: ["", "has space", "x".repeat(65)],
      durationMs: [-1, 1.5, "5", 86_400_001],
      tokens: [-1, 0.5, "many"],
    },
    extraKeysAllowed: false,
  },
  {
    method: "POST",
    path: "/api/runs",
    encoding: "json",
    ok: [202],
    valid: fc.record({
      agent: fc.constant("docs-assistant"),
      input: fc.record({ question: fc.stringMatching(/^[A-Za-z][A-Za-z ?]{2,120}[a-z?]$/) }),
    }),
    invalid: {
      agent: ["", "no-such-agent", 5, null, undefined],
      input: [null, [], "text", {}, { question: "" }, { question: "x".repeat(600) }, undefined],
    },
    extraKeysAllowed: true,
  },
  {
    method: "POST",
    path: "/api/client-errors",
    encoding: "json",
    ok: [204],
    valid: fc.record({
      kind: fc.constantFrom("error", "unhandledrejection", "island", "network", "report"),
      message: words,
      line: fc.integer({ min: 0, max: 10_000 }),
    }, { requiredKeys: ["kind", "message"] }),
    invalid: {
      kind: ["boom", 1, undefined],
      message: ["", "x".repeat(1001), undefined],
      line: [-1, "ten"],
    },
    extraKeysAllowed: true,
  },
];

/** A valid body with one field replaced by one of its invalid values. */
export function nearValid(c: BodyCase): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.entries(c.invalid).flatMap(([k, vs]) => vs.map((v) => [k, v] as const));
  return fc.tuple(c.valid, fc.constantFrom(...fields)).map(([body, [key, value]]) => {
    const out: Record<string, unknown> = { ...body };
    if (value === undefined) delete out[key];
    else out[key] = value;
    return out;
  });
}

/** Encodes a body for the wire: JSON, or a form (values as strings, objects as JSON). */
export function encode(c: BodyCase, body: Record<string, unknown>): string {
  if (c.encoding === "json") return JSON.stringify(body);
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(body)) {
    if (v !== undefined) form.set(k, typeof v === "string" ? v : JSON.stringify(v));
  }
  return form.toString();
}
