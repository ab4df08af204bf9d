/**
 * The guard every page fetch goes through (the lead qualifier's fetch tool): only http(s),
 * names resolved first and every address checked before any connection (loopback, private, link-local incl.
 * 169.254.169.254, unique-local and the like are refused unless allowlisted), the connection
 * pinned to the checked address (no DNS rebinding), few redirects with each hop re-checked, and
 * caps on size and time.
 */
import { HttpError } from "../framework/mod.ts";
import { ipInCidr, isNonPublicIp, parseIpv4, parseIpv6 } from "./ip_ranges.ts";
import { contentLimits } from "./rules.ts";

/** Resolves a host name to its addresses (A and AAAA). */
export type Resolver = (hostname: string, signal: AbortSignal) => Promise<string[]>;

/** Why a fetch was refused. */
export type FetchRefusal =
  | "bad_url"
  | "scheme"
  | "credentials"
  | "blocked_address"
  | "unresolvable"
  | "too_many_redirects"
  | "too_large"
  | "timeout"
  | "network";

const STATUS: Record<FetchRefusal, number> = {
  bad_url: 400,
  scheme: 400,
  credentials: 400,
  blocked_address: 403,
  unresolvable: 502,
  too_many_redirects: 502,
  too_large: 413,
  timeout: 504,
  network: 502,
};

/** A refused or failed fetch; `reason` says why. */
export class FetchRefused extends HttpError {
  /** Builds the error; the message is safe to show to the user and to the model. */
  constructor(readonly reason: FetchRefusal, message: string) {
    super(STATUS[reason], "fetch_refused", message, {}, { reason });
    this.name = "FetchRefused";
  }
}

/** Options for {@link safeFetch}. */
export interface SafeFetchOptions {
  /** Name resolution; default `Deno.resolveDns` (A and AAAA). Tests inject their own. */
  resolver?: Resolver;
  /** Host names and IPs/CIDRs allowed even though not public (settings.fetchAllowlist). */
  allowlist?: readonly string[];
  maxBytes?: number;
  timeoutMs?: number;
  maxRedirects?: number;
  /** Extra request headers (e.g. Accept). */
  headers?: HeadersInit;
  /** GET (default) follows checked redirects; POST sends `body` once and never follows one. */
  method?: "GET" | "POST";
  body?: string;
}

/** A fetched document. */
export interface SafeFetchResult {
  /** The URL finally fetched (after redirects). */
  url: string;
  status: number;
  contentType: string | null;
  body: Uint8Array;
  /** The URLs redirected from, in order. */
  redirects: string[];
}

/** Default resolver: A and AAAA records through `Deno.resolveDns`. */
export const dnsResolver: Resolver = async (hostname, signal) => {
  const lookups = await Promise.allSettled([
    Deno.resolveDns(hostname, "A", { signal }),
    Deno.resolveDns(hostname, "AAAA", { signal }),
  ]);
  return lookups.flatMap((r) => r.status === "fulfilled" ? r.value : []);
};

const isIpLiteral = (host: string) => parseIpv4(host) !== null || parseIpv6(host) !== null;

/**
 * Checks a URL and returns the address to connect to, without connecting anywhere: the scheme,
 * no credentials, the host resolved and every address public (or allowlisted).
 */
export async function checkUrl(
  url: URL,
  { resolver = dnsResolver, allowlist = [] }: Pick<SafeFetchOptions, "resolver" | "allowlist">,
  signal: AbortSignal = new AbortController().signal,
): Promise<string> {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new FetchRefused("scheme", `Only http and https addresses can be fetched.`);
  }
  if (url.username || url.password) {
    throw new FetchRefused("credentials", "Addresses with a user name or password are refused.");
  }
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const hostAllowed = allowlist.includes(host);
  let addresses: string[];
  if (isIpLiteral(host)) addresses = [host];
  else {
    try {
      addresses = await resolver(host, signal);
    } catch {
      addresses = [];
    }
    if (signal.aborted) throw new FetchRefused("timeout", "The fetch took too long.");
  }
  if (addresses.length === 0) {
    throw new FetchRefused("unresolvable", `The host ${host} could not be resolved.`);
  }
  for (const ip of addresses) {
    const allowed = hostAllowed || allowlist.some((entry) => ipInCidr(ip, entry));
    if (!allowed && isNonPublicIp(ip)) {
      throw new FetchRefused(
        "blocked_address",
        `The host ${host} points to a private, loopback or link-local address, which the fetch tool may not reach.`,
      );
    }
  }
  return addresses[0];
}

async function readCapped(res: Response, max: number): Promise<Uint8Array> {
  const declared = Number(res.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > max) {
    await res.body?.cancel();
    throw new FetchRefused("too_large", `The page is larger than ${max} bytes.`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (res.body) {
    for await (const chunk of res.body) {
      total += chunk.byteLength;
      if (total > max) throw new FetchRefused("too_large", `The page is larger than ${max} bytes.`);
      chunks.push(chunk);
    }
  }
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) out.set(c, (off += c.byteLength) - c.byteLength);
  return out;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Fetches `input` under the guard. Each hop is checked by {@link checkUrl} before a connection
 * is opened, and the connection goes to the checked address. Throws {@link FetchRefused}.
 */
export async function safeFetch(
  input: string | URL,
  options: SafeFetchOptions = {},
): Promise<SafeFetchResult> {
  const maxBytes = options.maxBytes ?? contentLimits.maxFetchBytes;
  const maxRedirects = options.maxRedirects ?? contentLimits.maxRedirects;
  const signal = AbortSignal.timeout(options.timeoutMs ?? contentLimits.fetchTimeoutMs);
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new FetchRefused("bad_url", "This is not a valid address.");
  }
  const redirects: string[] = [];
  for (;;) {
    const ip = await checkUrl(url, options, signal);
    const port = Number(url.port) || (url.protocol === "https:" ? 443 : 80);
    const client = Deno.createHttpClient({ proxy: { transport: "tcp", hostname: ip, port } });
    try {
      let res: Response;
      try {
        res = await fetch(url, {
          client,
          redirect: "manual",
          signal,
          method: options.method ?? "GET",
          headers: options.headers,
          body: options.body,
        });
      } catch {
        throw signal.aborted
          ? new FetchRefused("timeout", "The fetch took too long.")
          : new FetchRefused("network", `The page at ${url.host} could not be fetched.`);
      }
      const location = res.headers.get("location");
      if (REDIRECTS.has(res.status) && location && (options.method ?? "GET") === "GET") {
        await res.body?.cancel();
        if (redirects.length >= maxRedirects) {
          throw new FetchRefused("too_many_redirects", `More than ${maxRedirects} redirects.`);
        }
        redirects.push(url.href);
        try {
          url = new URL(location, url);
        } catch {
          throw new FetchRefused("bad_url", "The page redirected to an invalid address.");
        }
        continue;
      }
      let body: Uint8Array;
      try {
        body = await readCapped(res, maxBytes);
      } catch (e) {
        if (e instanceof FetchRefused) throw e;
        throw signal.aborted
          ? new FetchRefused("timeout", "The fetch took too long.")
          : new FetchRefused("network", "The page could not be read.");
      }
      return {
        url: url.href,
        status: res.status,
        contentType: res.headers.get("content-type"),
        body,
        redirects,
      };
    } finally {
      client.close();
    }
  }
}
