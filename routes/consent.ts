import { z } from "zod";
import {
  CONSENT_CATEGORIES,
  type ConsentCategory,
  consentFrom,
  consentSetCookie,
} from "../lib/consent.ts";
import { type Handlers, HttpError, redirect, sameSitePath } from "../lib/framework/mod.ts";

const category = z.enum(CONSENT_CATEGORIES);

/** Same-site paths only (normalised; no scheme, `//host`, backslash or control character). */
const localPath = z.string().max(500).transform((v) => sameSitePath(v) ?? "/cookies")
  .catch("/cookies");

const formSchema = z.object({
  choice: z.enum(["accept", "reject", "save"]),
  analytics: z.literal("on").optional(),
  telemetry: z.literal("on").optional(),
  only: z.array(category).default([]),
  return: localPath.default("/cookies"),
});

/**
 * The no-JavaScript path for consent choices: `POST /consent` with `choice` (accept, reject or
 * save with per-category checkboxes; `only` limits a save to some categories) sets the
 * `consent` cookie and redirects back (303) to the same-site `return` path.
 */
export const handler: Handlers = {
  async POST(ctx) {
    const form = await ctx.req.formData().catch(() => {
      throw new HttpError(400, "bad_form", "Send the consent form as form data.");
    });
    const parsed = formSchema.safeParse({
      choice: form.get("choice") ?? undefined,
      analytics: form.get("analytics") ?? undefined,
      telemetry: form.get("telemetry") ?? undefined,
      only: form.getAll("only"),
      return: form.get("return") ?? undefined,
    });
    if (!parsed.success) {
      throw new HttpError(400, "bad_consent", "The consent choice was not understood.");
    }
    const f = parsed.data;
    const current = consentFrom(ctx.req);
    const accepted = new Set<ConsentCategory>(
      f.choice === "accept" ? CONSENT_CATEGORIES : [],
    );
    if (f.choice === "save") {
      const changing = f.only.length ? f.only : CONSENT_CATEGORIES;
      for (const c of CONSENT_CATEGORIES) {
        const on = changing.includes(c) ? f[c] === "on" : current[c];
        if (on) accepted.add(c);
      }
    }
    const secure = ctx.url.protocol === "https:" ||
      ctx.state.services.settings.publicUrl.startsWith("https:");
    return redirect(f.return, {
      fallback: "/cookies",
      headers: { "set-cookie": consentSetCookie(accepted, { secure }) },
    });
  },
};
