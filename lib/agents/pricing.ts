/** US dollars per million tokens, input and output, per model; turns usage into cost. */
import type { Usage } from "./types.ts";

/** One model's price: dollars per million input and output tokens. */
export interface ModelPrice {
  input: number;
  output: number;
}

/** Published list prices (USD per 1M tokens). The offline engine is free. */
export const PRICES: Record<string, ModelPrice> = {
  "offline": { input: 0, output: 0 },
  "gpt-4o-mini": { input: 0.15, output: 0.6 },
  "gpt-4o": { input: 2.5, output: 10 },
  "gpt-4.1": { input: 2, output: 8 },
  "gpt-4.1-mini": { input: 0.4, output: 1.6 },
  "gpt-4.1-nano": { input: 0.1, output: 0.4 },
  "o4-mini": { input: 1.1, output: 4.4 },
};

/** Price used for models not in the table (self-hosted or unknown): gpt-4o-mini's. */
export const DEFAULT_PRICE: ModelPrice = PRICES["gpt-4o-mini"];

/** The price of `model`: exact name, else the longest listed prefix (`gpt-4o-2024-08-06`). */
export function priceOf(model: string): ModelPrice {
  if (PRICES[model]) return PRICES[model];
  const prefix = Object.keys(PRICES).filter((m) => model.startsWith(m))
    .sort((a, b) => b.length - a.length)[0];
  return prefix ? PRICES[prefix] : DEFAULT_PRICE;
}

/** Cost in US dollars of `usage` on `model`, rounded to a millionth of a dollar. */
export function costOf(model: string, usage: Usage): number {
  const p = priceOf(model);
  const cost = (usage.tokensIn * p.input + usage.tokensOut * p.output) / 1_000_000;
  return Math.round(cost * 1_000_000) / 1_000_000;
}
