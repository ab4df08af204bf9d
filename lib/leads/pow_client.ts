/**
 * Browser side of the ALTCHA proof-of-work (used by the ContactForm island): fetch a signed
 * challenge, find the number with altcha-lib's solver, and encode the payload the server
 * verifies. No widget, no inline styles, no third-party host.
 */
import { solveChallenge } from "altcha-lib/v1";

/** A challenge as the server sends it. */
export interface PowChallenge {
  algorithm: string;
  challenge: string;
  maxnumber?: number;
  salt: string;
  signature: string;
}

/** Solves a challenge; resolves to the base64 payload for the `captcha` field. */
export async function solvePow(challenge: PowChallenge): Promise<string> {
  const { promise } = solveChallenge(
    challenge.challenge,
    challenge.salt,
    challenge.algorithm,
    challenge.maxnumber,
  );
  const solution = await promise;
  if (!solution) throw new Error("no solution");
  return btoa(JSON.stringify({
    algorithm: challenge.algorithm,
    challenge: challenge.challenge,
    number: solution.number,
    salt: challenge.salt,
    signature: challenge.signature,
  }));
}

/** Fetches a fresh challenge from `url` and solves it. */
export async function fetchAndSolvePow(url: string): Promise<string> {
  const res = await fetch(url, { headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(`challenge: HTTP ${res.status}`);
  return solvePow(await res.json() as PowChallenge);
}
