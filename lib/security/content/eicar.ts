/**
 * The EICAR anti-malware test signature, assembled from parts so that this source file is not
 * itself flagged by a scanner.
 */
const EICAR = [
  "X5O!P%@AP[4\\PZX54(P^)7CC)7}$",
  "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!",
  "$H+H*",
].join("");

/** The EICAR test string (for tests and the scanner self-check). */
export function eicarTestString(): string {
  return EICAR;
}

/** True when `bytes` contain the EICAR test signature anywhere. */
export function containsEicar(bytes: Uint8Array): boolean {
  const needle = new TextEncoder().encode(EICAR);
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    if (bytes[i] !== needle[0]) continue;
    for (let j = 1; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
