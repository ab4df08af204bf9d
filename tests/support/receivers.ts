/**
 * Loopback stand-ins for external services, started by tests: an SMTP sink (smtp-server), an
 * HTTP receiver recording webhook calls (answering with scripted statuses), and a fake of
 * hCaptcha's siteverify.
 */
import { SMTPServer } from "smtp-server";

/** A message the SMTP sink received. */
export interface SunkMail {
  from: string;
  to: string[];
  raw: string;
}

/** Starts an SMTP sink on 127.0.0.1; `url` goes into SMTP_URL. */
export async function startSmtpSink() {
  const mails: SunkMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Uint8Array[] = [];
      stream.on("data", (c: Uint8Array) => chunks.push(c));
      stream.on("end", () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: new TextDecoder().decode(Uint8Array.from(chunks.flatMap((c) => [...c]))),
        });
        callback();
      });
    },
  });
  const port = await new Promise<number>((resolve) => {
    server.listen(
      0,
      "127.0.0.1",
      () => resolve((server.server.address() as { port: number }).port),
    );
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A request the receiver got. */
export interface Received {
  path: string;
  headers: Headers;
  body: string;
}

/**
 * An HTTP receiver on 127.0.0.1. `statuses` scripts the answers per path, in order (then 200);
 * every request is recorded, failed ones included.
 */
export function startReceiver(statuses: Record<string, number[]> = {}) {
  const received: Received[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    const path = new URL(req.url).pathname;
    received.push({ path, headers: req.headers, body: await req.text() });
    const status = statuses[path]?.shift() ?? 200;
    return new Response(status < 300 ? "ok" : "nope", { status });
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    received,
    close: () => server.shutdown(),
  };
}

/**
 * A fake of hCaptcha's siteverify: `success` when the response starts with `good-token` and the secret
 * matches; records every verification.
 */
export function startHcaptchaFake(secret: string) {
  const calls: URLSearchParams[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    const form = new URLSearchParams(await req.text());
    calls.push(form);
    const success = form.get("secret") === secret &&
      (form.get("response") ?? "").startsWith("good-token");
    return Response.json(
      success ? { success: true } : { success: false, "error-codes": ["invalid-input-response"] },
    );
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}/siteverify`,
    calls,
    close: () => server.shutdown(),
  };
}
