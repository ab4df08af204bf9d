/** PDFs built in tests: real files with computed offsets, plain or with a compressed content stream. */

const enc = new TextEncoder();
const MiB = 1024 * 1024;

/** A one-page PDF whose content stream is `stream` with the dictionary entries `dict`. */
export function pdfWithContent(stream: Uint8Array, dict = ""): Uint8Array {
  const head = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
  ];
  const parts: Uint8Array[] = [];
  let length = 0;
  const offsets: number[] = [];
  const add = (bytes: Uint8Array) => {
    parts.push(bytes);
    length += bytes.length;
  };
  add(enc.encode("%PDF-1.4\n"));
  head.forEach((body, i) => {
    offsets.push(length);
    add(enc.encode(`${i + 1} 0 obj\n${body}\nendobj\n`));
  });
  offsets.push(length);
  add(enc.encode(`5 0 obj\n<< /Length ${stream.length} ${dict} >>\nstream\n`));
  add(stream);
  add(enc.encode("\nendstream\nendobj\n"));
  const xref = length;
  let tail = `xref\n0 6\n0000000000 65535 f \n`;
  for (const o of offsets) tail += `${String(o).padStart(10, "0")} 00000 n \n`;
  tail += `trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  add(enc.encode(tail));
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A one-page PDF showing `text` (an uncompressed content stream). */
export function textPdf(text: string): Uint8Array {
  return pdfWithContent(enc.encode(`BT /F1 12 Tf 72 720 Td (${text}) Tj ET`));
}

/** zlib-deflates `chunk` repeated `times` times, without holding the inflated whole. */
export async function deflateRepeated(chunk: Uint8Array, times: number): Promise<Uint8Array> {
  const cs = new CompressionStream("deflate");
  const writer = cs.writable.getWriter();
  const done = new Response(cs.readable).arrayBuffer();
  for (let i = 0; i < times; i++) await writer.write(chunk as Uint8Array<ArrayBuffer>);
  await writer.close();
  return new Uint8Array(await done);
}

/**
 * PDF bombs: `zeros`, a content stream of deflated zero bytes; `text`, one of deflated drawing
 * operators (what pdf.js lexes slowly); each `inflatedMiB` MiB inflated.
 */
export async function pdfBomb(kind: "zeros" | "text", inflatedMiB = 200): Promise<Uint8Array> {
  const chunk = kind === "zeros"
    ? new Uint8Array(MiB)
    : enc.encode("BT /F1 12 Tf 72 720 Td (lorem ipsum) Tj ET\n".repeat(MiB / 44 + 1)).slice(0, MiB);
  return pdfWithContent(await deflateRepeated(chunk, inflatedMiB), "/Filter /FlateDecode");
}

/** Base64 of bytes of any size. */
export function base64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(s);
}
