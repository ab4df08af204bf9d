/** A strict parser of the Prometheus text exposition format (0.0.4), for tests. */

/** One sample line. */
export interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A parsed exposition: declared types and every sample. */
export interface PromText {
  types: Map<string, string>;
  samples: PromSample[];
  /** Sum of the samples named `name` whose labels include `match`. */
  value(name: string, match?: Record<string, string>): number;
}

const NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
const SAMPLE = new RegExp(`^(${NAME})(\\{(.*)\\})? (\\S+)( -?\\d+)?$`);
const LABEL = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(,|$)/;

function parseLabels(text: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  let rest = text;
  while (rest.length) {
    const m = rest.match(LABEL);
    if (!m) throw new Error(`bad labels in: ${line}`);
    labels[m[1]] = m[2].replace(/\\(.)/g, (_, c) => (c === "n" ? "\n" : c));
    rest = rest.slice(m[0].length);
  }
  return labels;
}

function parseValue(v: string, line: string): number {
  if (v === "+Inf") return Infinity;
  if (v === "-Inf") return -Infinity;
  if (v === "NaN") return NaN;
  const n = Number(v);
  if (Number.isNaN(n)) throw new Error(`bad value in: ${line}`);
  return n;
}

/** Parses `text`; throws on any malformed line or a sample of an undeclared family. */
export function parsePrometheus(text: string): PromText {
  const types = new Map<string, string>();
  const samples: PromSample[] = [];
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const meta = line.match(new RegExp(`^# (HELP|TYPE) (${NAME}) (.*)$`));
    if (meta) {
      if (meta[1] === "TYPE") {
        if (!["counter", "gauge", "histogram", "summary", "untyped"].includes(meta[3])) {
          throw new Error(`bad type: ${line}`);
        }
        if (types.has(meta[2])) throw new Error(`family declared twice: ${line}`);
        types.set(meta[2], meta[3]);
      }
      continue;
    }
    if (line.startsWith("#")) continue;
    const m = line.match(SAMPLE);
    if (!m) throw new Error(`bad sample line: ${line}`);
    const name = m[1];
    const family = [name, name.replace(/_(bucket|sum|count)$/, "")].find((n) => types.has(n));
    if (!family) throw new Error(`sample without TYPE: ${line}`);
    samples.push({ name, labels: parseLabels(m[3] ?? "", line), value: parseValue(m[4], line) });
  }
  return {
    types,
    samples,
    value(name, match = {}) {
      return samples
        .filter((s) =>
          s.name === name && Object.entries(match).every(([k, v]) => s.labels[k] === v)
        )
        .reduce((sum, s) => sum + s.value, 0);
    },
  };
}
