/**
 * Browser helpers of the LiveDemo island: the run in flight kept in sessionStorage (a reload
 * follows it again), an uploaded file read as base64, and the problem a refused start shows.
 */

/** A problem to show: the API's error code and message. */
export interface Problem {
  code: string;
  message: string;
}

/** The run a reload should follow again. */
export interface SavedRun {
  runId: string;
  agent: string;
  startedAt: number;
}

/** A file picked for a file field, as the API takes it. */
export interface Upload {
  name: string;
  type: string;
  contentBase64: string;
}

/** Largest document the demo uploads. */
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;

const storageKey = () => `relay.liveDemo:${location.pathname}`;

/** Remembers (or forgets, with null) the run in flight on this page. */
export function saveRun(saved: SavedRun | null) {
  try {
    if (saved) sessionStorage.setItem(storageKey(), JSON.stringify(saved));
    else sessionStorage.removeItem(storageKey());
  } catch { /* storage disabled: a reload starts fresh */ }
}

/** The run in flight on this page before a reload, if any. */
export function loadRun(): SavedRun | null {
  try {
    const raw = sessionStorage.getItem(storageKey());
    return raw ? JSON.parse(raw) as SavedRun : null;
  } catch {
    return null;
  }
}

/** Reads a picked file as an upload. */
export async function readUpload(file: File): Promise<Upload> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return { name: file.name, type: file.type, contentBase64: btoa(bin) };
}

/** The API's error of a refused request, or a generic one. */
export async function problemOf(res: Response): Promise<Problem> {
  const body = await res.json().catch(() => null) as { error?: Problem } | null;
  return body?.error ?? { code: "http_" + res.status, message: "The demo is unavailable." };
}
