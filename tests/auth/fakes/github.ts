/**
 * A GitHub-style OAuth 2 provider on 127.0.0.1 for tests: `/login/oauth/authorize` (redirects
 * back with a code, or `error=access_denied` when `deny` is set), `/login/oauth/access_token`
 * (checks the client secret, redirect URI and PKCE S256 verifier; like GitHub it answers
 * errors with status 200 and an `error` field), and the REST API's `/user` and `/user/emails`.
 */

/** The fake's account and behaviour switches. */
export interface FakeGitHubOptions {
  clientId: string;
  clientSecret: string;
  user: { id: number; login: string; name: string | null };
  emails: { email: string; primary: boolean; verified: boolean }[];
}

/** A running fake. */
export interface FakeGitHub {
  url: string;
  options: FakeGitHubOptions;
  /** When true, the next authorization answers `error=access_denied`. */
  deny: boolean;
  /** Token requests seen (for assertions). */
  tokenRequests: URLSearchParams[];
  close(): Promise<void>;
}

async function s256(verifier: string): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)),
  );
  return btoa(String.fromCharCode(...digest)).replaceAll("+", "-").replaceAll("/", "_")
    .replace(/=+$/, "");
}

/** Starts the fake on a free loopback port. */
export function startFakeGitHub(options: FakeGitHubOptions): FakeGitHub {
  const codes = new Map<string, { challenge: string; redirectUri: string }>();
  const tokens = new Set<string>();
  const fake: FakeGitHub = {
    url: "",
    options,
    deny: false,
    tokenRequests: [],
    close: async () => {
      await server.shutdown();
    },
  };
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    const url = new URL(req.url);
    if (url.pathname === "/login/oauth/authorize") {
      const q = url.searchParams;
      const back = new URL(q.get("redirect_uri")!);
      if (q.get("client_id") !== options.clientId || q.get("code_challenge_method") !== "S256") {
        return new Response("bad authorization request", { status: 400 });
      }
      if (fake.deny) {
        fake.deny = false;
        back.searchParams.set("error", "access_denied");
        back.searchParams.set("error_description", "The user has denied your application access.");
      } else {
        const code = crypto.randomUUID().replaceAll("-", "");
        codes.set(code, { challenge: q.get("code_challenge")!, redirectUri: back.href });
        back.searchParams.set("code", code);
      }
      back.searchParams.set("state", q.get("state")!);
      return new Response(null, { status: 302, headers: { location: back.href } });
    }
    if (url.pathname === "/login/oauth/access_token" && req.method === "POST") {
      const body = new URLSearchParams(await req.text());
      fake.tokenRequests.push(body);
      const json = (value: unknown) =>
        Response.json(value, { headers: { "content-type": "application/json; charset=utf-8" } });
      const issued = codes.get(body.get("code") ?? "");
      codes.delete(body.get("code") ?? "");
      if (
        body.get("client_id") !== options.clientId ||
        body.get("client_secret") !== options.clientSecret
      ) {
        return json({ error: "incorrect_client_credentials" });
      }
      if (
        !issued || issued.redirectUri.split("?")[0] !== body.get("redirect_uri") ||
        await s256(body.get("code_verifier") ?? "") !== issued.challenge
      ) {
        return json({ error: "bad_verification_code" });
      }
      const token = `gho_${crypto.randomUUID().replaceAll("-", "")}`;
      tokens.add(token);
      return json({ access_token: token, token_type: "bearer", scope: "read:user,user:email" });
    }
    const bearer = req.headers.get("authorization")?.replace(/^Bearer /, "") ?? "";
    if (!tokens.has(bearer)) return Response.json({ message: "Bad credentials" }, { status: 401 });
    if (url.pathname === "/user") return Response.json(options.user);
    if (url.pathname === "/user/emails") return Response.json(options.emails);
    return Response.json({ message: "Not Found" }, { status: 404 });
  });
  fake.url = `http://127.0.0.1:${server.addr.port}`;
  return fake;
}
