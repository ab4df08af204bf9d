/**
 * E-mail magic links: a random single-use token mailed to the address; KV keeps only its
 * SHA-256 at `["magic_links", hash]` for 15 minutes. Using a link deletes it atomically, so a
 * second use (or a concurrent one) finds nothing.
 */
import type { Services } from "../services.ts";
import { sendEmail } from "../notify/email.ts";
import { magicLinkKey } from "../../kv/keys.ts";
import { randomSecret, sha256Hex } from "./hash.ts";

/** How long a link works. */
export const MAGIC_LINK_TTL_MS = 15 * 60 * 1000;

/** What a magic link remembers. */
export interface MagicLink {
  email: string;
  next: string | null;
  /** Epoch milliseconds. */
  createdAt: number;
}

/** Creates a link for `email` and mails it; `origin` is the site's public origin. */
export async function sendMagicLink(
  services: Pick<Services, "kv" | "settings">,
  input: { email: string; next: string | null; origin: string },
): Promise<void> {
  const token = randomSecret();
  const link: MagicLink = { email: input.email, next: input.next, createdAt: Date.now() };
  await services.kv.set(magicLinkKey(await sha256Hex(token)), link, {
    expireIn: MAGIC_LINK_TTL_MS,
  });
  const url = `${input.origin}/signin/verify?token=${encodeURIComponent(token)}`;
  await sendEmail(services, {
    to: input.email,
    subject: "Your Relay sign-in link",
    text: [
      "Hello,",
      "",
      "Open this link to sign in to Relay. It works once, for 15 minutes:",
      "",
      url,
      "",
      "If you did not ask for it, ignore this message: nobody can sign in without the link.",
    ].join("\n"),
    html: `<p>Hello,</p><p>Open this link to sign in to Relay. It works once, for 15 minutes:</p>` +
      `<p><a href="${url}">Sign in to Relay</a></p>` +
      `<p>If you did not ask for it, ignore this message: nobody can sign in without the link.</p>`,
  });
}

/** Uses a link: returns what it remembered and deletes it, or null (unknown, expired, used). */
export async function consumeMagicLink(
  services: Pick<Services, "kv">,
  token: string,
): Promise<MagicLink | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const key = magicLinkKey(await sha256Hex(token));
  const entry = await services.kv.get<MagicLink>(key);
  if (!entry.value) return null;
  if (Date.now() - entry.value.createdAt > MAGIC_LINK_TTL_MS) {
    await services.kv.delete(key);
    return null;
  }
  const result = await services.kv.atomic().check(entry).delete(key).commit();
  return result.ok ? entry.value : null;
}

/** Whether a link is still usable (without using it): for the confirmation page. */
export async function magicLinkUsable(
  services: Pick<Services, "kv">,
  token: string,
): Promise<boolean> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return false;
  const entry = await services.kv.get<MagicLink>(magicLinkKey(await sha256Hex(token)));
  return entry.value !== null && Date.now() - entry.value.createdAt <= MAGIC_LINK_TTL_MS;
}
