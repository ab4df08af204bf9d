/** Settings rows: metrics, proxies and incoming content. */
import { z } from "zod";
import { optional, type Spec } from "../spec_kit.ts";

/** Metrics, proxies and incoming content. */
export const operationsSettings = {
  METRICS_TOKEN: {
    description: "Bearer token guarding /metrics. Absent: metrics are not served.",
    defaultDoc: null,
    secret: true,
    requiredIn: [],
    schema: optional,
  },
  SITE_OPERATORS: {
    description:
      "Emails of the site operators, comma-separated: only they see the dashboard's System page " +
      "(site-wide health, queues and providers). Absent: nobody does.",
    defaultDoc: "(none)",
    default: () => "",
    secret: false,
    requiredIn: [],
    schema: z.string().transform((v, ctx) => {
      const emails = v.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean);
      for (const email of emails) {
        if (!/^[^\s@,]+@[^\s@,]+$/.test(email)) {
          ctx.addIssue({ code: "custom", message: `SITE_OPERATORS: "${email}" is not an email` });
        }
      }
      return emails;
    }),
  },
  TRUSTED_PROXY: {
    description: "Trust X-Forwarded-For / X-Forwarded-Proto from a reverse proxy (true/false).",
    defaultDoc: "false",
    default: () => "false",
    secret: false,
    requiredIn: [],
    schema: z.string().transform((v, ctx) => {
      const s = v.toLowerCase();
      if (["1", "true", "yes", "on"].includes(s)) return true;
      if (["0", "false", "no", "off"].includes(s)) return false;
      ctx.addIssue({ code: "custom", message: "TRUSTED_PROXY must be true or false" });
      return z.NEVER;
    }),
  },
  CLAMAV_URL: {
    description:
      "clamd to scan uploads with (INSTREAM), as tcp://host:port. Absent: built-in checks only.",
    defaultDoc: null,
    secret: false,
    requiredIn: [],
    schema: optional.refine((v) => v === undefined || /^tcp:\/\/[^/:]+:\d{1,5}\/?$/.test(v), {
      message: "CLAMAV_URL must look like tcp://host:3310",
    }),
  },
  FETCH_ALLOWLIST: {
    description:
      "Hosts or IP ranges (CIDR) the lead qualifier's fetch tool may reach although loopback, " +
      "private or link-local, comma-separated (e.g. an intranet, or 127.0.0.1 in tests).",
    defaultDoc: "(none)",
    default: () => "",
    secret: false,
    requiredIn: [],
    schema: z.string().transform((v) =>
      v.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean)
    ),
  },
  SSE_MAX_PER_IP: {
    description:
      "Live streams (SSE: /demo/stream, /api/runs/:id/stream) one client IP may hold open at " +
      "once on one instance; more get a 429.",
    defaultDoc: "20",
    default: () => "20",
    secret: false,
    requiredIn: [],
    schema: z.coerce.number({ error: "SSE_MAX_PER_IP must be a number" }).int()
      .min(1, "SSE_MAX_PER_IP must be at least 1").max(10_000, "SSE_MAX_PER_IP is at most 10000"),
  },
} satisfies Record<string, Spec>;
