/** Settings rows: lead capture, notifications, the dashboard and retention. */
import { z } from "zod";
import { optional, type Spec, url } from "../spec_kit.ts";

/** Lead capture, notifications, the dashboard and retention. */
export const leadsSettings = {
  HCAPTCHA_SITEKEY: {
    description: "hCaptcha site key. With HCAPTCHA_SECRET: forms use hCaptcha instead of ALTCHA.",
    defaultDoc: null,
    secret: false,
    requiredIn: [],
    schema: optional,
  },
  HCAPTCHA_SECRET: {
    description: "hCaptcha secret for server-side siteverify.",
    defaultDoc: null,
    secret: true,
    requiredIn: [],
    schema: optional,
  },
  HCAPTCHA_VERIFY_URL: {
    description: "hCaptcha siteverify endpoint.",
    defaultDoc: "https://api.hcaptcha.com/siteverify",
    default: () => "https://api.hcaptcha.com/siteverify",
    secret: false,
    requiredIn: [],
    schema: url("HCAPTCHA_VERIFY_URL"),
  },
  LEAD_MIN_FILL_SECONDS: {
    description: "Forms submitted sooner than this after they were rendered are refused as bots.",
    defaultDoc: "3",
    default: () => "3",
    secret: false,
    requiredIn: [],
    schema: z.coerce.number({ error: "LEAD_MIN_FILL_SECONDS must be a number" }).min(0)
      .max(600, "LEAD_MIN_FILL_SECONDS must be 0-600"),
  },
  LEAD_NOTIFY_EMAIL: {
    description: "Where new-lead emails go (comma-separated). Absent: no lead email.",
    defaultDoc: null,
    secret: false,
    requiredIn: [],
    schema: optional,
  },
  SLACK_WEBHOOK_URL: {
    description: "Slack-compatible incoming webhook notified of each new lead.",
    defaultDoc: null,
    secret: true,
    requiredIn: [],
    schema: url("SLACK_WEBHOOK_URL").optional(),
  },
  CRM_WEBHOOK_URL: {
    description: "CRM endpoint receiving each new lead as JSON, signed with WEBHOOK_SECRETS.",
    defaultDoc: null,
    secret: true,
    requiredIn: [],
    schema: url("CRM_WEBHOOK_URL").optional(),
  },
  NOTIFY_BACKOFF_MS: {
    description: "Retry delays (ms, comma-separated) of notification jobs; then dead letter.",
    defaultDoc: "5000,30000,120000,600000,1800000",
    default: () => "5000,30000,120000,600000,1800000",
    secret: false,
    requiredIn: [],
    schema: z.string().transform((v, ctx) => {
      const list = v.split(",").map((s) => Number(s.trim()));
      if (list.length > 5 || list.some((n) => !Number.isInteger(n) || n < 0 || n > 3_600_000)) {
        ctx.addIssue({
          code: "custom",
          message: "NOTIFY_BACKOFF_MS must be up to 5 comma-separated delays of 0-3600000 ms",
        });
      }
      return list;
    }),
  },
  TRACE_URL_TEMPLATE: {
    description:
      "Link to a trace in your tracing UI, with {traceId} as placeholder (e.g. a Grafana Tempo " +
      "explore URL). Absent: the dashboard shows trace ids as text.",
    defaultDoc: null,
    secret: false,
    requiredIn: [],
    schema: z.string().refine(
      (v) => v.includes("{traceId}") && URL.canParse(v.replace("{traceId}", "x")),
      {
        message: "TRACE_URL_TEMPLATE must be an absolute URL containing {traceId}",
      },
    ).optional(),
  },
  SITE_WORKSPACE: {
    description:
      "Slug of the workspace whose dashboard receives the site's own traffic: anonymous " +
      "visitors' demo runs and events and contact-form leads. Absent: the first workspace " +
      "created on the instance receives it (its overview says so).",
    defaultDoc: "(the first workspace)",
    secret: false,
    requiredIn: [],
    schema: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, {
      message: "SITE_WORKSPACE must be a workspace slug",
    }).optional(),
  },
  RETENTION_DEMO_EVENTS_DAYS: {
    description: "Days tracked demo events are kept.",
    defaultDoc: "30",
    default: () => "30",
    secret: false,
    requiredIn: [],
    schema: z.coerce.number({ error: "RETENTION_DEMO_EVENTS_DAYS must be a number" }).int()
      .min(1, "RETENTION_DEMO_EVENTS_DAYS must be at least 1"),
  },
  RETENTION_RUN_EVENTS_DAYS: {
    description: "Days the streamed events of agent runs are kept.",
    defaultDoc: "14",
    default: () => "14",
    secret: false,
    requiredIn: [],
    schema: z.coerce.number({ error: "RETENTION_RUN_EVENTS_DAYS must be a number" }).int()
      .min(1, "RETENTION_RUN_EVENTS_DAYS must be at least 1"),
  },
  RETENTION_LEADS_DAYS: {
    description: "Days leads (and their notification records) are kept.",
    defaultDoc: "730",
    default: () => "730",
    secret: false,
    requiredIn: [],
    schema: z.coerce.number({ error: "RETENTION_LEADS_DAYS must be a number" }).int()
      .min(1, "RETENTION_LEADS_DAYS must be at least 1"),
  },
  RETENTION_RUNS_DAYS: {
    description: "Days agent run records are kept.",
    defaultDoc: "365",
    default: () => "365",
    secret: false,
    requiredIn: [],
    schema: z.coerce.number({ error: "RETENTION_RUNS_DAYS must be a number" }).int()
      .min(1, "RETENTION_RUNS_DAYS must be at least 1"),
  },
  RETENTION_AUDIT_DAYS: {
    description:
      "Days the audit trail is kept (whole months leave, never sooner than any other class).",
    defaultDoc: "2555",
    default: () => "2555",
    secret: false,
    requiredIn: [],
    schema: z.coerce.number({ error: "RETENTION_AUDIT_DAYS must be a number" }).int()
      .min(31, "RETENTION_AUDIT_DAYS must be at least 31"),
  },
} satisfies Record<string, Spec>;
