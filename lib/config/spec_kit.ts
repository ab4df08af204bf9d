/** The building blocks of the settings table: environments, the row shape, shared validators. */
import { z } from "zod";

/** The deployment environments selected by `DENO_ENV`. */
export const DENO_ENVS = ["development", "test", "production"] as const;

/** One of {@link DENO_ENVS}. */
export type DenoEnv = typeof DENO_ENVS[number];

/** Raw environment after `NAME_FILE` resolution and per-environment defaults. */
export type RawEnv = Record<string, string | undefined>;

/** One row of the settings table. */
export interface Spec {
  description: string;
  /** Human-readable default, for the docs. */
  defaultDoc: string | null;
  /** Computes the default from the environment (earlier keys already defaulted). */
  default?: (env: DenoEnv, raw: RawEnv) => string | undefined;
  secret: boolean;
  requiredIn: DenoEnv[];
  schema: z.ZodType;
}

const MIN_SECRET_LENGTH = 32;

/** An optional string. */
export const optional = z.string().optional();

/** A comma-separated list of signing keys, newest first, each at least 32 characters. */
export const secretList = (name: string) =>
  z.string({ error: `${name} is required` }).transform((value, ctx) => {
    const keys = value.split(",").map((k) => k.trim()).filter(Boolean);
    if (keys.length === 0) ctx.addIssue({ code: "custom", message: `${name} is empty` });
    keys.forEach((k, i) => {
      if (k.length < MIN_SECRET_LENGTH) {
        ctx.addIssue({
          code: "custom",
          message: `${name}: key ${
            i + 1
          } is ${k.length} characters; each must be at least ${MIN_SECRET_LENGTH}`,
        });
      }
    });
    return keys;
  });

/** An absolute URL. */
export const url = (name: string) =>
  z.string({ error: `${name} is required` }).refine((v) => URL.canParse(v), {
    message: `${name} must be an absolute URL`,
  });
