/** Settings rows: agent runs: provider timeouts and retries, the worker, the offline engine, the ideal-customer profile. */
import { z } from "zod";
import { type Spec } from "../spec_kit.ts";

/** Agent runs: provider timeouts and retries, the worker, the offline engine, the ideal-customer profile. */
export const agentsSettings = {
  OPENAI_TIMEOUT_MS: {
    description: "Milliseconds the provider may take to answer, and to go silent mid-stream.",
    defaultDoc: "30000",
    default: () => "30000",
    secret: false,
    requiredIn: [],
    schema: z.coerce.number({ error: "OPENAI_TIMEOUT_MS must be a number" }).int()
      .min(100, "OPENAI_TIMEOUT_MS must be at least 100"),
  },
  OPENAI_MAX_RETRIES: {
    description: "Retries (jittered exponential backoff) after a 429, a 5xx or a timeout.",
    defaultDoc: "2",
    default: () => "2",
    secret: false,
    requiredIn: [],
    schema: z.coerce.number({ error: "OPENAI_MAX_RETRIES must be a number" }).int()
      .min(0, "OPENAI_MAX_RETRIES must be 0-10").max(10, "OPENAI_MAX_RETRIES must be 0-10"),
  },
  AGENT_CONCURRENCY: {
    description: "Agent runs one instance executes at once; more wait in the queue.",
    defaultDoc: "8",
    default: () => "8",
    secret: false,
    requiredIn: [],
    schema: z.coerce.number({ error: "AGENT_CONCURRENCY must be a number" }).int()
      .min(1, "AGENT_CONCURRENCY must be 1-1000").max(1000, "AGENT_CONCURRENCY must be 1-1000"),
  },
  AGENT_RUN_TIMEOUT_MS: {
    description: "Longest an agent run may take before it fails with a timeout.",
    defaultDoc: "120000",
    default: () => "120000",
    secret: false,
    requiredIn: [],
    schema: z.coerce.number({ error: "AGENT_RUN_TIMEOUT_MS must be a number" }).int()
      .min(100, "AGENT_RUN_TIMEOUT_MS must be at least 100"),
  },
  AGENT_MAX_ATTEMPTS: {
    description:
      "Attempts per run (transient provider failures, vanished workers) before the dead-letter list.",
    defaultDoc: "3",
    default: () => "3",
    secret: false,
    requiredIn: [],
    schema: z.coerce.number({ error: "AGENT_MAX_ATTEMPTS must be a number" }).int()
      .min(1, "AGENT_MAX_ATTEMPTS must be 1-10").max(10, "AGENT_MAX_ATTEMPTS must be 1-10"),
  },
  AGENT_RETRY_BASE_MS: {
    description: "First delay before a failed run is retried; doubles per attempt, with jitter.",
    defaultDoc: "2000",
    default: () => "2000",
    secret: false,
    requiredIn: [],
    schema: z.coerce.number({ error: "AGENT_RETRY_BASE_MS must be a number" }).int().min(0),
  },
  OFFLINE_CHUNK_DELAY_MS: {
    description: "Pause between streamed chunks of the offline engine (0: as fast as possible).",
    defaultDoc: "30",
    default: () => "30",
    secret: false,
    requiredIn: [],
    schema: z.coerce.number({ error: "OFFLINE_CHUNK_DELAY_MS must be a number" }).int()
      .min(0, "OFFLINE_CHUNK_DELAY_MS must be 0-5000").max(
        5000,
        "OFFLINE_CHUNK_DELAY_MS must be 0-5000",
      ),
  },
  ICP_INDUSTRIES: {
    description: "Ideal-customer profile: comma-separated industries the lead qualifier favours.",
    defaultDoc: "software,saas,fintech,e-commerce,logistics,healthcare",
    default: () => "software,saas,fintech,e-commerce,logistics,healthcare",
    secret: false,
    requiredIn: [],
    schema: z.string().transform((v) =>
      v.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean)
    ),
  },
  ICP_EMPLOYEES: {
    description: "Ideal-customer profile: company size range in employees, as MIN-MAX.",
    defaultDoc: "50-5000",
    default: () => "50-5000",
    secret: false,
    requiredIn: [],
    schema: z.string().regex(/^\d+-\d+$/, { message: "ICP_EMPLOYEES must look like 50-5000" })
      .transform((v) => {
        const [min, max] = v.split("-").map(Number);
        return { min, max };
      }).refine((r) => r.min <= r.max, { message: "ICP_EMPLOYEES: MIN must not exceed MAX" }),
  },
  ICP_REGIONS: {
    description:
      "Ideal-customer profile: comma-separated regions served (north america, europe, ...).",
    defaultDoc: "north america,europe",
    default: () => "north america,europe",
    secret: false,
    requiredIn: [],
    schema: z.string().transform((v) =>
      v.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean)
    ),
  },
  ICP_SIGNALS: {
    description:
      "Ideal-customer profile: comma-separated buying signals (needs the product meets).",
    defaultDoc: "support volume,lead qualification,automation,documentation,crm,hiring",
    default: () => "support volume,lead qualification,automation,documentation,crm,hiring",
    secret: false,
    requiredIn: [],
    schema: z.string().transform((v) =>
      v.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean)
    ),
  },
} satisfies Record<string, Spec>;
