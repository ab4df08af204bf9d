/**
 * A small in-process metrics registry rendering the Prometheus text exposition format (0.0.4):
 * counters, gauges and histograms with labels, and gauges whose values are read at scrape time.
 * Every instrument is mirrored to `@opentelemetry/api` metrics (meter "relay"), so the same
 * numbers go out over OTLP when `OTEL_DENO=true` (a no-op otherwise).
 */
import {
  type Attributes,
  metrics as otel,
  type ObservableResult,
  ValueType,
} from "@opentelemetry/api";

/** Label values of one series; keys must be declared on the instrument. */
export type Labels = Record<string, string | number | boolean | undefined | null>;

/** One sampled series of a callback gauge. */
export interface Sample {
  labels?: Labels;
  value: number;
}

/** Reads a callback gauge's value(s) at scrape time. */
export type GaugeCallback = () => number | Sample[] | Promise<number | Sample[]>;

const meter = otel.getMeter("relay");
const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const MAX_LABEL_LENGTH = 80;

function labelValue(v: Labels[string]): string {
  const s = v === undefined || v === null ? "" : String(v);
  return s.length > MAX_LABEL_LENGTH ? s.slice(0, MAX_LABEL_LENGTH) : s;
}

function escapeLabel(v: string): string {
  return v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
}

function formatNumber(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (n === Infinity) return "+Inf";
  if (n === -Infinity) return "-Inf";
  return String(n);
}

function seriesKey(names: readonly string[], labels: Labels = {}): string[] {
  return names.map((n) => labelValue(labels[n]));
}

function labelText(names: readonly string[], values: string[], extra?: [string, string]): string {
  const parts = names.map((n, i) => `${n}="${escapeLabel(values[i])}"`);
  if (extra) parts.push(`${extra[0]}="${escapeLabel(extra[1])}"`);
  return parts.length ? `{${parts.join(",")}}` : "";
}

function attributes(names: readonly string[], values: string[]): Attributes {
  return Object.fromEntries(names.map((n, i) => [n, values[i]]));
}

function otelName(name: string): string {
  return name.replace(/_total$/, "");
}

/** What every instrument shares. */
abstract class Instrument {
  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
  ) {
    if (!NAME.test(name)) throw new Error(`invalid metric name ${name}`);
  }
  abstract readonly type: "counter" | "gauge" | "histogram";
  /** Renders this instrument's lines (HELP, TYPE, samples). */
  abstract render(): Promise<string>;
  protected header(): string {
    return `# HELP ${this.name} ${this.help.replace(/\\/g, "\\\\").replace(/\n/g, "\\n")}\n` +
      `# TYPE ${this.name} ${this.type}\n`;
  }
}

/** A monotonically increasing count per label set. */
export class Counter extends Instrument {
  readonly type = "counter";
  #values = new Map<string, { labels: string[]; value: number }>();
  #otel;
  constructor(name: string, help: string, labelNames: readonly string[] = [], unit?: string) {
    super(name, help, labelNames);
    this.#otel = meter.createCounter(otelName(name), {
      description: help,
      unit,
      valueType: ValueType.DOUBLE,
    });
  }
  /** Adds `value` (default 1, never negative) to the series of `labels`. */
  inc(labels: Labels = {}, value = 1) {
    if (!(value >= 0)) return;
    const values = seriesKey(this.labelNames, labels);
    const key = values.join("\u0000");
    const entry = this.#values.get(key);
    if (entry) entry.value += value;
    else this.#values.set(key, { labels: values, value });
    this.#otel.add(value, attributes(this.labelNames, values));
  }
  /** The current value of one series (0 when never incremented). */
  get(labels: Labels = {}): number {
    return this.#values.get(seriesKey(this.labelNames, labels).join("\u0000"))?.value ?? 0;
  }
  /** Every series with its labels. */
  series(): { labels: Record<string, string>; value: number }[] {
    return [...this.#values.values()].map((e) => ({
      labels: attributes(this.labelNames, e.labels) as Record<string, string>,
      value: e.value,
    }));
  }
  render(): Promise<string> {
    let out = this.header();
    for (const e of this.#values.values()) {
      out += `${this.name}${labelText(this.labelNames, e.labels)} ${formatNumber(e.value)}\n`;
    }
    return Promise.resolve(out);
  }
}

/** A value read by a callback when scraped (and when OTLP collects). */
export class CallbackGauge extends Instrument {
  readonly type = "gauge";
  constructor(
    name: string,
    help: string,
    labelNames: readonly string[],
    readonly read: GaugeCallback,
    unit?: string,
  ) {
    super(name, help, labelNames);
    const gauge = meter.createObservableGauge(otelName(name), { description: help, unit });
    gauge.addCallback(async (result: ObservableResult) => {
      try {
        for (const s of await this.samples()) {
          result.observe(
            s.value,
            attributes(this.labelNames, seriesKey(this.labelNames, s.labels)),
          );
        }
      } catch { /* a failing source is simply absent from this collection */ }
    });
  }
  /** Reads the current samples. */
  async samples(): Promise<Sample[]> {
    const v = await this.read();
    return typeof v === "number" ? [{ value: v }] : v;
  }
  async render(): Promise<string> {
    let out = this.header();
    for (const s of await this.samples()) {
      const values = seriesKey(this.labelNames, s.labels);
      out += `${this.name}${labelText(this.labelNames, values)} ${formatNumber(s.value)}\n`;
    }
    return out;
  }
}

/** Observations counted into cumulative buckets, with their sum and count. */
export class Histogram extends Instrument {
  readonly type = "histogram";
  #series = new Map<string, { labels: string[]; counts: number[]; sum: number; count: number }>();
  #otel;
  constructor(
    name: string,
    help: string,
    labelNames: readonly string[],
    readonly buckets: readonly number[],
    unit?: string,
  ) {
    super(name, help, labelNames);
    this.#otel = meter.createHistogram(otelName(name), {
      description: help,
      unit,
      advice: { explicitBucketBoundaries: [...buckets] },
    });
  }
  /** Records one observation for `labels`. */
  observe(labels: Labels, value: number) {
    this.bind(labels)(value);
  }
  /**
   * A recorder for one series, its labels resolved once: what a hot path keeps and calls per
   * observation instead of `observe`.
   */
  bind(labels: Labels): (value: number) => void {
    const values = seriesKey(this.labelNames, labels);
    const key = values.join("\u0000");
    let s = this.#series.get(key);
    if (!s) {
      s = { labels: values, counts: this.buckets.map(() => 0), sum: 0, count: 0 };
      this.#series.set(key, s);
    }
    const series = s;
    const { buckets } = this;
    const otel = this.#otel;
    const attrs = attributes(this.labelNames, values);
    return (value) => {
      if (!Number.isFinite(value)) return;
      for (let i = 0; i < buckets.length; i++) if (value <= buckets[i]) series.counts[i]++;
      series.sum += value;
      series.count++;
      otel.record(value, attrs);
    };
  }
  /** Count and sum of one series. */
  get(labels: Labels = {}): { count: number; sum: number } {
    const s = this.#series.get(seriesKey(this.labelNames, labels).join("\u0000"));
    return { count: s?.count ?? 0, sum: s?.sum ?? 0 };
  }
  /** Every series: labels, cumulative bucket counts (aligned with `buckets`), sum, count. */
  series(): { labels: Record<string, string>; counts: number[]; sum: number; count: number }[] {
    return [...this.#series.values()].map((s) => ({
      labels: attributes(this.labelNames, s.labels) as Record<string, string>,
      counts: [...s.counts],
      sum: s.sum,
      count: s.count,
    }));
  }
  render(): Promise<string> {
    let out = this.header();
    for (const s of this.#series.values()) {
      this.buckets.forEach((b, i) => {
        out += `${this.name}_bucket${
          labelText(this.labelNames, s.labels, ["le", formatNumber(b)])
        } ${s.counts[i]}\n`;
      });
      out += `${this.name}_bucket${
        labelText(this.labelNames, s.labels, ["le", "+Inf"])
      } ${s.count}\n`;
      out += `${this.name}_sum${labelText(this.labelNames, s.labels)} ${formatNumber(s.sum)}\n`;
      out += `${this.name}_count${labelText(this.labelNames, s.labels)} ${s.count}\n`;
    }
    return Promise.resolve(out);
  }
}

/** A set of instruments rendered together. */
export class Registry {
  #instruments = new Map<string, Instrument>();

  #add<T extends Instrument>(instrument: T): T {
    if (this.#instruments.has(instrument.name)) {
      throw new Error(`metric ${instrument.name} registered twice`);
    }
    this.#instruments.set(instrument.name, instrument);
    return instrument;
  }

  /** Declares a counter (name should end in `_total`). */
  counter(name: string, help: string, labelNames: readonly string[] = [], unit?: string): Counter {
    return this.#add(new Counter(name, help, labelNames, unit));
  }

  /** Declares a histogram with upper bucket bounds (`+Inf` is implicit). */
  histogram(
    name: string,
    help: string,
    labelNames: readonly string[],
    buckets: readonly number[],
    unit?: string,
  ): Histogram {
    return this.#add(new Histogram(name, help, labelNames, buckets, unit));
  }

  /** Declares a gauge whose value(s) `read` returns at scrape time. */
  gauge(
    name: string,
    help: string,
    labelNames: readonly string[],
    read: GaugeCallback,
    unit?: string,
  ): CallbackGauge {
    return this.#add(new CallbackGauge(name, help, labelNames, read, unit));
  }

  /** The Prometheus text exposition of every instrument. A failing gauge is left out. */
  async render(): Promise<string> {
    const parts = await Promise.all(
      [...this.#instruments.values()].map((i) => i.render().catch(() => "")),
    );
    return parts.join("");
  }
}

/** The Prometheus text exposition content type. */
export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
