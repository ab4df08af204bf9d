/**
 * ClamAV over clamd's INSTREAM protocol: `zINSTREAM\0`, then chunks each prefixed with a 4-byte
 * big-endian length, then a zero-length chunk; clamd answers `stream: OK` or
 * `stream: <signature> FOUND`, NUL-terminated.
 */

/** A clamd verdict. */
export type ClamVerdict = { clean: true } | { clean: false; signature: string };

const CHUNK = 64 * 1024;

/** host and port of `tcp://host:port`. */
export function parseClamavUrl(url: string): { hostname: string; port: number } {
  const m = /^tcp:\/\/([^/:]+):(\d{1,5})\/?$/.exec(url);
  if (!m) throw new Error("CLAMAV_URL must look like tcp://host:3310");
  return { hostname: m[1], port: Number(m[2]) };
}

async function writeAll(conn: Deno.Conn, bytes: Uint8Array) {
  let off = 0;
  while (off < bytes.length) off += await conn.write(bytes.subarray(off));
}

/**
 * Streams `bytes` to clamd at `url` and returns its verdict. Throws when clamd cannot be
 * reached, answers with an error, or takes longer than `timeoutMs`.
 */
export async function clamdScan(
  url: string,
  bytes: Uint8Array,
  { timeoutMs = 15_000 }: { timeoutMs?: number } = {},
): Promise<ClamVerdict> {
  const conn = await Deno.connect({ ...parseClamavUrl(url), transport: "tcp" });
  const timer = setTimeout(() => conn.close(), timeoutMs);
  try {
    await writeAll(conn, new TextEncoder().encode("zINSTREAM\0"));
    for (let off = 0; off < bytes.length; off += CHUNK) {
      const chunk = bytes.subarray(off, off + CHUNK);
      const size = new Uint8Array(4);
      new DataView(size.buffer).setUint32(0, chunk.length);
      await writeAll(conn, size);
      await writeAll(conn, chunk);
    }
    await writeAll(conn, new Uint8Array(4));
    let reply = "";
    const buf = new Uint8Array(1024);
    while (!reply.includes("\0") && reply.length < 4096) {
      const n = await conn.read(buf);
      if (n === null) break;
      reply += new TextDecoder().decode(buf.subarray(0, n));
    }
    const line = reply.split("\0")[0].trim();
    const found = /^stream: (.+) FOUND$/.exec(line);
    if (found) return { clean: false, signature: found[1] };
    if (/^stream: OK$/.test(line)) return { clean: true };
    throw new Error(`clamd answered: ${line.slice(0, 200) || "(nothing)"}`);
  } finally {
    clearTimeout(timer);
    try {
      conn.close();
    } catch {
      // already closed by the timeout
    }
  }
}
