import type { ComponentChildren } from "preact";
import { type Handlers, HttpError, type Meta, type PageProps } from "../../lib/framework/mod.ts";
import { listOutbox, type OutboxEmail } from "../../lib/notify/email.ts";
import { isLoopbackIp, remoteAddrOf } from "../../lib/security/client_ip.ts";

/** Outbox page metadata. */
export const meta: Meta = { title: "Development outbox", noindex: true };

/**
 * The development outbox: mail the app would have sent, newest first (development and test
 * only, and only to loopback clients that came through no proxy; 404 in production and to
 * anyone else). `Accept: application/json` gets the list as JSON.
 */
export const handler: Handlers<OutboxEmail[]> = {
  async GET(ctx) {
    const forwarded = ctx.req.headers.has("x-forwarded-for") || ctx.req.headers.has("forwarded");
    const local = isLoopbackIp(remoteAddrOf(ctx.hono)) && !forwarded;
    if (ctx.state.services.settings.env === "production" || !local) {
      throw new HttpError(404, "not_found", "There is nothing at this address.");
    }
    const emails = await listOutbox(ctx.state.services.kv);
    if ((ctx.req.headers.get("accept") ?? "").includes("application/json")) {
      return Response.json({ emails }, { headers: { "cache-control": "no-store" } });
    }
    return ctx.render(emails, { headers: { "referrer-policy": "no-referrer" } });
  },
};

const URL_RE = /(https?:\/\/[^\s<>"]+)/g;

/** Plain text with its URLs turned into links. */
function Linked({ text }: { text: string }) {
  const parts: ComponentChildren[] = text.split(URL_RE).map((part, i) =>
    i % 2 === 1 ? <a key={i} href={part}>{part}</a> : part
  );
  return <pre class="outbox-text">{parts}</pre>;
}

/** The outbox page. */
export default function Outbox({ data }: PageProps<OutboxEmail[]>) {
  return (
    <main class="section">
      <div class="wrap">
        <h1>Development outbox</h1>
        <p class="muted">
          Without SMTP settings, e-mail is kept here for a day instead of being sent. This page does
          not exist in production.
        </p>
        {data.length === 0
          ? <p>No mail yet.</p>
          : data.map((m) => (
            <article key={m.id} class="card outbox-mail">
              <h2>{m.subject}</h2>
              <p class="muted">
                To <strong>{m.to}</strong> from {m.from} at{" "}
                <time datetime={new Date(m.sentAt).toISOString()}>
                  {new Date(m.sentAt).toISOString()}
                </time>
              </p>
              <Linked text={m.text} />
            </article>
          ))}
      </div>
    </main>
  );
}
