/**
 * Loads the lead qualifier's language data (compromise, the gazetteer) ahead of a run, in the
 * background, so the first visitor to try it does not wait for it. Start-up stays light: this
 * runs only when something asks, such as the live demo loading the agent list.
 */
import { gazetteer } from "./gazetteer.ts";
import { numbersAsDigits } from "./words.ts";

let warming: Promise<void> | null = null;

/** Starts loading once; later calls share the same promise. Never rejects. */
export function warmLanguageData(): Promise<void> {
  warming ??= Promise.all([gazetteer(), numbersAsDigits("one")]).then(() => {}, () => {
    warming = null;
  });
  return warming;
}
