import { z } from "zod";
import { Notice } from "../../components/auth/Notice.tsx";
import { sendMagicLink } from "../../lib/auth/magic_link.ts";
import { safeNext } from "../../lib/auth/next_path.ts";
import { configuredProviders } from "../../lib/auth/oauth/providers.ts";
import { publicOrigin } from "../../lib/auth/origin.ts";
import { normalizeEmail } from "../../lib/auth/users.ts";
import type { Handlers, Meta, PageProps } from "../../lib/framework/mod.ts";
import { HttpError } from "../../lib/framework/mod.ts";
import { emailAvailable, EmailNotConfigured } from "../../lib/notify/email.ts";
import { addressSubject } from "../../lib/security/client_ip.ts";
import { enforceRateLimit } from "../../lib/security/rate_limit.ts";
import { rules } from "../../lib/security/rules.ts";
import { logger } from "../../lib/telemetry/log.ts";

/** Sign-in page metadata. */
export const meta: Meta = {
  title: "Sign in",
  description: "Sign in to Relay with an e-mail link or your identity provider.",
  noindex: true,
};

interface Data {
  sent?: boolean;
  error?: string;
  email?: string;
  notice?: string;
  next: string;
  providers: { id: string; label: string }[];
  emailEnabled: boolean;
}

const NOTICES: Record<string, string> = {
  signed_out: "You are signed out.",
  signed_out_everywhere: "You are signed out on every device.",
};

const schema = z.object({
  email: z.string().trim().max(320).pipe(z.email("Please enter a valid e-mail address.")),
  next: z.string().max(2000).optional(),
});

function base(ctx: Parameters<NonNullable<Handlers<Data>["GET"]>>[0]) {
  const { settings } = ctx.state.services;
  return {
    next: safeNext(ctx.url.searchParams.get("next")),
    providers: configuredProviders(settings).map(({ id, label }) => ({ id, label })),
    emailEnabled: emailAvailable(settings),
  };
}

/** GET shows the sign-in choices; POST mails a magic link (same answer for every address). */
export const handler: Handlers<Data> = {
  GET(ctx) {
    const notice = NOTICES[ctx.url.searchParams.get("notice") ?? ""];
    return ctx.render({ ...base(ctx), notice });
  },
  async POST(ctx) {
    const b = base(ctx);
    if (!b.emailEnabled) throw new HttpError(404, "not_found", "E-mail sign-in is not available.");
    let form: FormData;
    try {
      form = await ctx.req.formData();
    } catch {
      return ctx.render({ ...b, error: "Please submit the form again." }, { status: 400 });
    }
    const parsed = schema.safeParse(Object.fromEntries(form));
    const next = safeNext(String(form.get("next") ?? ""));
    if (!parsed.success) {
      return ctx.render(
        {
          ...b,
          next,
          email: String(form.get("email") ?? "").slice(0, 320),
          error: parsed.error.issues[0].message,
        },
        { status: 400 },
      );
    }
    const email = normalizeEmail(parsed.data.email);
    await enforceRateLimit(ctx, rules.magicLink, await addressSubject(email));
    try {
      await sendMagicLink(ctx.state.services, { email, next, origin: publicOrigin(ctx) });
    } catch (error) {
      logger.error("magic link not sent", {
        error: error instanceof EmailNotConfigured ? error.message : error,
        requestId: ctx.state.requestId,
      });
      return ctx.render(
        {
          ...b,
          next,
          email,
          error: "We could not send the e-mail right now. Please try again in a moment.",
        },
        { status: 503 },
      );
    }
    return ctx.render({ ...b, next, email, sent: true });
  },
};

/** The sign-in page: an e-mail form and one button per configured provider. */
export default function SignIn({ data }: PageProps<Data>) {
  if (data.sent) {
    return (
      <Notice
        title="Check your e-mail"
        message={`If ${data.email} can receive mail, a sign-in link is on its way. It works once, for 15 minutes.`}
        action={{
          href: `/signin?next=${encodeURIComponent(data.next)}`,
          label: "Use another address",
        }}
      />
    );
  }
  const qs = `?next=${encodeURIComponent(data.next)}`;
  return (
    <main class="section">
      <div class="wrap auth-narrow">
        <h1>Sign in</h1>
        {data.notice && <p role="status">{data.notice}</p>}
        {data.error && <p class="form-error" role="alert" id="signin-error">{data.error}</p>}
        {data.emailEnabled && (
          <form method="post" action="/signin">
            <input type="hidden" name="next" value={data.next} />
            <p>
              <label for="email">E-mail address</label>
              <input
                id="email"
                name="email"
                type="email"
                autocomplete="email"
                required
                value={data.email ?? ""}
                aria-describedby={data.error ? "signin-error" : undefined}
              />
            </p>
            <p>
              <button type="submit">E-mail me a sign-in link</button>
            </p>
          </form>
        )}
        {data.providers.length > 0 && (
          <section aria-labelledby="providers-heading">
            <h2 id="providers-heading">Or continue with</h2>
            <ul class="actions auth-providers">
              {data.providers.map((p) => (
                <li key={p.id}>
                  <a class="button secondary" href={`/auth/${p.id}${qs}`}>{p.label}</a>
                </li>
              ))}
            </ul>
          </section>
        )}
        <p class="muted">
          New here? Signing in creates your account and a personal workspace.
        </p>
      </div>
    </main>
  );
}
