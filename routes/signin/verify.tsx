import { Notice } from "../../components/auth/Notice.tsx";
import { consumeMagicLink, magicLinkUsable } from "../../lib/auth/magic_link.ts";
import { completeSignIn, recordSignInFailure } from "../../lib/auth/sign_in.ts";
import type { FreshContext, Handlers, Meta, PageProps } from "../../lib/framework/mod.ts";

/** Magic-link page metadata. */
export const meta: Meta = { title: "Sign in with your link", noindex: true };

interface Data {
  token?: string;
  invalid?: boolean;
}

async function invalid(ctx: FreshContext<Data>) {
  await recordSignInFailure(ctx, "email", "link_invalid");
  return ctx.render({ invalid: true }, {
    status: 400,
    headers: { "referrer-policy": "no-referrer" },
  });
}

/**
 * GET confirms (mail scanners that open links must not use them up); POST uses the link once
 * and signs in. Expired, used or unknown links get a friendly 400 page.
 */
export const handler: Handlers<Data> = {
  async GET(ctx) {
    const token = ctx.url.searchParams.get("token") ?? "";
    if (!(await magicLinkUsable(ctx.state.services, token))) return await invalid(ctx);
    return ctx.render({ token }, { headers: { "referrer-policy": "no-referrer" } });
  },
  async POST(ctx) {
    let token = "";
    try {
      token = String((await ctx.req.formData()).get("token") ?? "");
    } catch {
      return await invalid(ctx);
    }
    const link = await consumeMagicLink(ctx.state.services, token);
    if (!link) return await invalid(ctx);
    return await completeSignIn(ctx, { method: "email", email: link.email, next: link.next });
  },
};

/** Confirmation page with one button, or the expired-link page. */
export default function Verify({ data }: PageProps<Data>) {
  if (data.invalid) {
    return (
      <Notice
        title="This sign-in link has expired"
        message="Sign-in links work once, for 15 minutes. This one was already used or is too old. Ask for a new one."
        action={{ href: "/signin", label: "Get a new link" }}
      />
    );
  }
  return (
    <main class="section">
      <div class="wrap auth-narrow">
        <h1>Sign in to Relay</h1>
        <form method="post" action="/signin/verify">
          <input type="hidden" name="token" value={data.token} />
          <button type="submit">Sign in</button>
        </form>
      </div>
    </main>
  );
}
