/** Helpers for lead tests: a form token issued in the past, ALTCHA solving, waiting for rows. */
import { solveChallenge } from "altcha-lib/v1";
import { issueFormToken } from "../../lib/leads/form_token.ts";
import type { Services } from "../../lib/services.ts";

/** A form token as if the form had been rendered `agoMs` ago. */
export function oldToken(services: Services, agoMs = 10_000): Promise<string> {
  return issueFormToken(services.settings, Date.now() - agoMs);
}

/** Fetches a real challenge from the app and solves it (optionally corrupting the answer). */
export async function solvedAltcha(
  fetchFn: (path: string) => Promise<Response>,
  { wrong = false } = {},
): Promise<string> {
  const c = await (await fetchFn("/api/leads/challenge")).json();
  const solution = await solveChallenge(c.challenge, c.salt, c.algorithm, c.maxnumber).promise;
  if (!solution) throw new Error("challenge not solvable");
  return btoa(JSON.stringify({
    algorithm: c.algorithm,
    challenge: c.challenge,
    number: solution.number + (wrong ? 1 : 0),
    salt: c.salt,
    signature: c.signature,
  }));
}

/** Polls `check` until it is true (or throws after `ms`). */
export async function eventually(check: () => Promise<boolean>, ms = 30_000, what = "condition") {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Valid lead fields. */
export const GOOD_LEAD = {
  name: "Ada Lovelace",
  email: "ada@analytical.example",
  company: "Analytical Engines",
  message: "We want agents to triage our support inbox.",
  consent: true,
};
