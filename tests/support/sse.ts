/** Reads Server-Sent Events from a fetch response, for stream tests. */

/** One parsed SSE frame. */
export interface SseFrame {
  id?: string;
  event?: string;
  data?: string;
  retry?: number;
  comment?: string;
}

/** An open SSE stream: `next()` resolves with the next frame (or rejects after `timeoutMs`). */
export interface SseReader {
  next(timeoutMs?: number): Promise<SseFrame>;
  /** Frames with data, parsed as JSON, until `count` arrived. */
  take<T = unknown>(count: number, timeoutMs?: number): Promise<{ id?: string; data: T }[]>;
  close(): Promise<void>;
}

/** Wraps a `text/event-stream` response. */
export function readSse(res: Response): SseReader {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  const queue: SseFrame[] = [];
  const parse = () => {
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const frame: SseFrame = {};
      for (const line of block.split("\n")) {
        const colon = line.indexOf(":");
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (field === "") frame.comment = value;
        else if (field === "data") {
          frame.data = frame.data === undefined ? value : `${frame.data}\n${value}`;
        } else if (field === "id") frame.id = value;
        else if (field === "event") frame.event = value;
        else if (field === "retry") frame.retry = Number(value);
      }
      queue.push(frame);
    }
  };
  const next = async (timeoutMs = 30_000): Promise<SseFrame> => {
    const deadline = Date.now() + timeoutMs;
    while (queue.length === 0) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error("no SSE frame in time");
      let timer: ReturnType<typeof setTimeout> | undefined;
      const chunk = await Promise.race([
        reader.read(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error("no SSE frame in time")), left);
        }),
      ]).finally(() => clearTimeout(timer));
      if (chunk.done) throw new Error("SSE stream ended");
      buffer += chunk.value;
      parse();
    }
    return queue.shift()!;
  };
  return {
    next,
    async take<T>(count: number, timeoutMs = 30_000) {
      const out: { id?: string; data: T }[] = [];
      while (out.length < count) {
        const frame = await next(timeoutMs);
        if (frame.data !== undefined) out.push({ id: frame.id, data: JSON.parse(frame.data) as T });
      }
      return out;
    },
    close: () => reader.cancel().catch(() => {}),
  };
}
