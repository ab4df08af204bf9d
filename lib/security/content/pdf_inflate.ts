/**
 * Counts what a PDF's streams decode to before pdf.js sees them, so a few hundred kilobytes that
 * inflate to gigabytes (a PDF bomb) are refused instead of parsed. Every `stream` keyword's data
 * runs through the filters its dictionary names (Flate, ASCIIHex, ASCII85, RunLength), up to
 * the end of the file: each filter stops at its own end marker, so a misleading `/Length` or a
 * fake `endstream` inside the data cannot hide bytes. Decoding stops as soon as the total
 * passes the cap. LZW (a legacy filter with no bound worth trusting) and encrypted files, whose
 * streams cannot be counted, are refused outright.
 */
import { ContentRejected } from "./rejection.ts";

/** Size of the pieces fed to the inflater, so output is counted as it comes. */
const FEED = 1024;

const ABBREVIATIONS: Record<string, string> = {
  Fl: "FlateDecode",
  AHx: "ASCIIHexDecode",
  A85: "ASCII85Decode",
  RL: "RunLengthDecode",
  LZW: "LZWDecode",
};

type Decoder = (data: Uint8Array, budget: number) => Promise<Uint8Array>;

/** Thrown inside the counter when the budget is spent. */
class OverBudget extends Error {}

/**
 * Throws {@link ContentRejected} `pdf_too_complex` when the PDF's streams decode to more than
 * `capBytes` in total, and `pdf_unreadable` for an encrypted file or an LZW stream.
 */
export async function assertInflatesWithin(bytes: Uint8Array, capBytes: number): Promise<number> {
  const text = latin1(bytes);
  if (/\/Encrypt\s*(<<|\d+\s+\d+\s+R)/.test(text)) {
    throw new ContentRejected(
      "pdf_unreadable",
      "Encrypted PDFs are not accepted. Save the document without a password or protection.",
    );
  }
  let total = 0;
  for (const stream of streamsOf(text)) {
    if (stream.filters.includes("LZWDecode")) {
      throw new ContentRejected(
        "pdf_unreadable",
        "This PDF uses LZW compression, which is not accepted. Save it again as a current PDF.",
      );
    }
    try {
      total += await decodedSize(bytes.subarray(stream.start), stream.filters, capBytes - total);
    } catch (error) {
      if (!(error instanceof OverBudget)) throw error;
      throw tooComplex(capBytes);
    }
  }
  return total;
}

/** The refusal for a document past the inflated-size cap. */
export function tooComplex(capBytes: number): ContentRejected {
  return new ContentRejected(
    "pdf_too_complex",
    `The PDF expands to more than ${
      Math.round(capBytes / 1024 / 1024)
    } MB when decompressed, so it was not read. Send a smaller document, or paste its text.`,
    { maxInflatedBytes: capBytes },
  );
}

function latin1(bytes: Uint8Array): string {
  return new TextDecoder("latin1").decode(bytes);
}

/** Where each stream's data starts and the filters its dictionary names, in order. */
function* streamsOf(text: string): Generator<{ start: number; filters: string[] }> {
  const keyword = />>\s*stream(\r\n|\n|\r)?/g;
  let match;
  let dictFrom = 0;
  while ((match = keyword.exec(text))) {
    const objAt = text.lastIndexOf("obj", match.index);
    const dict = text.slice(Math.max(dictFrom, objAt, 0), match.index);
    dictFrom = keyword.lastIndex;
    yield { start: keyword.lastIndex, filters: filtersOf(dict) };
  }
}

/** Every filter name after every `/Filter` key of the dictionary (a decoy cannot mask one). */
function filtersOf(dict: string): string[] {
  const names: string[] = [];
  for (const m of dict.matchAll(/\/Filter\s*(\[[^\]]*\]|\/[A-Za-z0-9]+)/g)) {
    for (const n of m[1].matchAll(/\/([A-Za-z0-9]+)/g)) names.push(ABBREVIATIONS[n[1]] ?? n[1]);
  }
  return names;
}

/**
 * Bytes the data decodes to through `filters`, each stage counted against `budget`; with no
 * recognised filter, data that starts like zlib is inflated anyway (pdf.js may read it so).
 */
async function decodedSize(data: Uint8Array, filters: string[], budget: number) {
  const chain = filters.length ? filters : ["FlateDecode"];
  let current = data;
  let produced = 0;
  for (const name of chain) {
    const decode = DECODERS[name];
    if (!decode) break;
    if (name === "FlateDecode" && !looksLikeZlib(current)) break;
    current = await decode(current, budget - produced);
    produced += current.length;
  }
  return produced;
}

function looksLikeZlib(data: Uint8Array): boolean {
  return data.length >= 2 && (data[0] & 0x0f) === 8 && ((data[0] << 8) | data[1]) % 31 === 0;
}

const DECODERS: Record<string, Decoder> = {
  FlateDecode: inflate,
  ASCIIHexDecode: (data, budget) => Promise.resolve(hex(data, budget)),
  ASCII85Decode: (data, budget) => Promise.resolve(ascii85(data, budget)),
  RunLengthDecode: (data, budget) => Promise.resolve(runLength(data, budget)),
};

/** A growable byte buffer that refuses to pass its budget. */
class Output {
  #buf = new Uint8Array(256);
  length = 0;
  constructor(private budget: number) {}
  push(chunk: Uint8Array) {
    if (this.length + chunk.length > this.budget) throw new OverBudget();
    if (this.length + chunk.length > this.#buf.length) {
      const next = new Uint8Array(Math.max(this.#buf.length * 2, this.length + chunk.length));
      next.set(this.#buf.subarray(0, this.length));
      this.#buf = next;
    }
    this.#buf.set(chunk, this.length);
    this.length += chunk.length;
  }
  byte(b: number) {
    if (this.length < this.#buf.length && this.length < this.budget) this.#buf[this.length++] = b;
    else this.push(Uint8Array.of(b));
  }
  bytes(): Uint8Array {
    return this.#buf.subarray(0, this.length);
  }
}

/** Inflates zlib data fed in small pieces; output up to a damaged or trailing part is kept. */
async function inflate(data: Uint8Array, budget: number): Promise<Uint8Array> {
  const out = new Output(budget);
  const ds = new DecompressionStream("deflate");
  const writer = ds.writable.getWriter();
  const reader = ds.readable.getReader();
  let over: OverBudget | null = null;
  const reading = (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        out.push(value);
      }
    } catch (error) {
      if (error instanceof OverBudget) {
        over = error;
        await reader.cancel().catch(() => {});
      }
    }
  })();
  try {
    for (let off = 0; off < data.length && !over; off += FEED) {
      await writer.write(data.subarray(off, off + FEED) as Uint8Array<ArrayBuffer>);
    }
    await writer.close();
  } catch {
    // the inflater reached a damaged or trailing part: what came out before counts
  }
  await reading;
  if (over) throw over;
  return out.bytes();
}

function hex(data: Uint8Array, budget: number): Uint8Array {
  const out = new Output(budget);
  let high = -1;
  for (const c of data) {
    if (c === 0x3e) break;
    const v = c >= 0x30 && c <= 0x39
      ? c - 0x30
      : (c | 0x20) >= 0x61 && (c | 0x20) <= 0x66
      ? (c | 0x20) - 0x57
      : -1;
    if (v < 0) continue;
    if (high < 0) high = v;
    else {
      out.byte((high << 4) | v);
      high = -1;
    }
  }
  if (high >= 0) out.byte(high << 4);
  return out.bytes();
}

function ascii85(data: Uint8Array, budget: number): Uint8Array {
  const out = new Output(budget);
  const group: number[] = [];
  const flush = (n: number) => {
    while (group.length < 5) group.push(84);
    let v = 0;
    for (const g of group) v = v * 85 + g;
    const word = [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
    out.push(Uint8Array.from(word.slice(0, n)));
    group.length = 0;
  };
  for (const c of data) {
    if (c === 0x7e) break;
    if (c === 0x7a && group.length === 0) {
      out.push(new Uint8Array(4));
      continue;
    }
    if (c < 0x21 || c > 0x75) continue;
    group.push(c - 0x21);
    if (group.length === 5) flush(4);
  }
  if (group.length > 1) flush(group.length - 1);
  return out.bytes();
}

function runLength(data: Uint8Array, budget: number): Uint8Array {
  const out = new Output(budget);
  let i = 0;
  while (i < data.length) {
    const n = data[i++];
    if (n === 128) break;
    if (n < 128) {
      out.push(data.subarray(i, i + n + 1));
      i += n + 1;
    } else {
      if (i >= data.length) break;
      out.push(new Uint8Array(257 - n).fill(data[i++]));
    }
  }
  return out.bytes();
}
