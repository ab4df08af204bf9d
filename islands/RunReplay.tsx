import { useEffect, useState } from "preact/hooks";
import type { TimelineEntry } from "../lib/dashboard/timeline.ts";

const SPEEDS = [0.5, 1, 2, 4] as const;
const TICK_MS = 50;

/** Streamed text of `entry` up to `at` ms (the whole segment for other kinds). */
function textAt(entry: TimelineEntry, at: number): string {
  if (!entry.parts) return entry.detail;
  let text = "";
  for (const p of entry.parts) if (p.offsetMs <= at) text += p.text;
  return text;
}

const clock = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * The run page's replay: the run's timeline played back in time from its stored events. Play,
 * pause, speed and a scrubber move a clock; steps appear at their offsets and the answer grows
 * chunk by chunk as it was streamed. Rendered at the end (everything shown), so without
 * JavaScript it is the full timeline.
 */
export default function RunReplay(
  { entries, durationMs }: { entries: TimelineEntry[]; durationMs: number },
) {
  const [ready, setReady] = useState(false);
  const [at, setAt] = useState(durationMs);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(1);
  useEffect(() => setReady(true), []);
  useEffect(() => {
    if (!playing) return;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      const step = (now - last) * speed;
      last = now;
      setAt((prev) => {
        const next = Math.min(durationMs, prev + step);
        if (next >= durationMs) setPlaying(false);
        return next;
      });
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [playing, speed, durationMs]);

  const toggle = () => {
    if (!playing && at >= durationMs) setAt(0);
    setPlaying(!playing);
  };
  const shown = entries.filter((e) => e.offsetMs <= at);
  const lastStart = shown.findLastIndex((e) => e.kind === "started");
  const answer = shown.slice(lastStart + 1).filter((e) => e.kind === "tokens")
    .map((e) => textAt(e, at)).join("");

  return (
    <section class="replay" aria-label="Run replay">
      <div class="replay-controls">
        <button type="button" onClick={toggle} disabled={!ready} aria-pressed={playing}>
          {playing ? "Pause" : "Play"}
        </button>
        <input
          type="range"
          min={0}
          max={durationMs}
          step={1}
          value={Math.round(at)}
          disabled={!ready}
          aria-label="Replay position"
          aria-valuetext={`${clock(at)} of ${clock(durationMs)}`}
          onInput={(e) => setAt(Number((e.target as HTMLInputElement).value))}
        />
        <output class="replay-clock" aria-live="off">
          {clock(at)} / {clock(durationMs)}
        </output>
        <label class="replay-speed">
          Speed
          <select
            value={String(speed)}
            disabled={!ready}
            onChange={(e) => setSpeed(Number((e.target as HTMLSelectElement).value))}
          >
            {SPEEDS.map((s) => <option key={s} value={String(s)}>{s}×</option>)}
          </select>
        </label>
      </div>
      <h3>Answer as streamed</h3>
      <div class="replay-answer card" data-replay-answer>
        {answer || <span class="replay-empty">Nothing streamed yet at this point.</span>}
      </div>
      <h3>Steps</h3>
      <ol class="timeline" aria-label="Run timeline">
        {shown.map((e) => (
          <li key={e.seq} data-kind={e.kind}>
            <span>+{e.offsetMs} ms</span>
            <strong>{e.title}</strong>
            <pre>{textAt(e, at)}</pre>
          </li>
        ))}
      </ol>
    </section>
  );
}
