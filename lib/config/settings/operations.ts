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
      "Hosts or IP ranges (CIDR) the agents' fetch tool may reach even though they are " +
      "loopback, private or link-local, comma-separated (e.g. intranet.example,10.1.0.0/16).",
    defaultDoc: "(none)",
    default: () => "",
    secret: false,
    requiredIn: [],
    schema: z.string().transform((v) =>
      v.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean)
    ),
  },
} satisfies Record<string, Spec>;
