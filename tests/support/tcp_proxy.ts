/**
 * A loopback TCP proxy in front of a server (PostgreSQL in the outage tests): `down()` stops
 * listening and cuts every open connection, as if the server had gone away; `up()` listens on
 * the same port again.
 */
export async function startTcpProxy(targetHost: string, targetPort: number) {
  let listener: Deno.Listener | null = null;
  const open = new Set<Deno.Conn>();
  let port = 0;

  const pipe = async (from: Deno.Conn, to: Deno.Conn) => {
    try {
      await from.readable.pipeTo(to.writable);
    } catch {
      // the other side closed
    } finally {
      for (const c of [from, to]) {
        try {
          c.close();
        } catch {
          // already closed
        }
        open.delete(c);
      }
    }
  };

  const serve = async (l: Deno.Listener) => {
    for await (const client of l) {
      try {
        const server = await Deno.connect({ hostname: targetHost, port: targetPort });
        open.add(client).add(server);
        pipe(client, server);
        pipe(server, client);
      } catch {
        client.close();
      }
    }
  };

  const up = () => {
    if (listener) return;
    listener = Deno.listen({ hostname: "127.0.0.1", port });
    port = (listener.addr as Deno.NetAddr).port;
    serve(listener).catch(() => {});
  };
  const down = () => {
    listener?.close();
    listener = null;
    for (const c of open) {
      try {
        c.close();
      } catch {
        // already closed
      }
    }
    open.clear();
  };
  up();
  await Promise.resolve();
  return { port: () => port, up, down, close: down };
}
