/**
 * A raw HTTP/1.1 client for the fuzz suite: sends exactly the bytes given (control characters,
 * CR/LF and lone surrogates included, which `fetch` refuses to send) and reads the status line.
 */

/** Encodes text byte for byte as WTF-8: lone surrogates too, so a server sees them as sent. */
export function wtf8(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.codePointAt(i)!;
    if (c > 0xffff) i++;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else {
      out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    }
  }
  return new Uint8Array(out);
}

/** Percent-encodes every byte of `text`'s WTF-8 form that is not unreserved. */
export function percent(text: string): string {
  return [...wtf8(text)].map((b) =>
    /[A-Za-z0-9._~-]/.test(String.fromCharCode(b))
      ? String.fromCharCode(b)
      : `%${b.toString(16).toUpperCase().padStart(2, "0")}`
  ).join("");
}

/** One raw request. */
export interface RawRequest {
  method: string;
  /** The request target, sent as is (WTF-8). */
  target: string;
  /** Sent as is, in order; a `host` here replaces the default `127.0.0.1:port`. */
  headers: [string, string][];
  body?: Uint8Array;
}

/**
 * Sends `req` to 127.0.0.1:`port` on a fresh connection and returns the status code, or null
 * when the server closed the connection without a status line. Reads no further than the
 * status line, so streams (SSE) do not hold the case open.
 */
export async function sendRaw(port: number, req: RawRequest, timeoutMs = 10_000) {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  const timer = setTimeout(() => conn.close(), timeoutMs);
  try {
    const body = req.body ?? new Uint8Array();
    const ownHost = req.headers.some(([k]) => k.toLowerCase() === "host");
    let head = `${req.method} ${req.target} HTTP/1.1\r\n`;
    if (!ownHost) head += `host: 127.0.0.1:${port}\r\n`;
    for (const [k, v] of req.headers) head += `${k}: ${v}\r\n`;
    head += `content-length: ${body.length}\r\nconnection: close\r\n\r\n`;
    const bytes = new Uint8Array([...wtf8(head), ...body]);
    for (let sent = 0; sent < bytes.length;) sent += await conn.write(bytes.subarray(sent));
    let text = "";
    const buf = new Uint8Array(4096);
    while (!text.includes("\r\n")) {
      const n = await conn.read(buf);
      if (n === null) break;
      text += new TextDecoder().decode(buf.subarray(0, n));
    }
    const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
    try {
      conn.close();
    } catch { /* closed by the timer */ }
  }
}
