/** The few assertions the tests use (JSR's @std/assert is not reachable here). */
import { AssertionError, deepStrictEqual } from "node:assert";

/** Fails unless `actual` deeply equals `expected`. */
export function assertEquals<T>(actual: T, expected: T, msg?: string): void {
  deepStrictEqual(actual, expected, msg);
}

/** Fails unless `value` is truthy. */
export function assert(value: unknown, msg = "expected a truthy value"): asserts value {
  if (!value) throw new AssertionError({ message: msg });
}

/** Fails unless `text` contains `part`. */
export function assertStringIncludes(text: string, part: string, msg?: string): void {
  if (!text.includes(part)) {
    throw new AssertionError({
      message: msg ?? `expected to find ${JSON.stringify(part)} in:\n${text}`,
    });
  }
}

/** Fails if `text` contains `part`. */
export function assertNotIncludes(text: string, part: string, msg?: string): void {
  if (text.includes(part)) {
    throw new AssertionError({
      message: msg ?? `did not expect ${JSON.stringify(part)} in:\n${text}`,
    });
  }
}

/** Fails unless `fn` rejects; returns the error, optionally checking its class and message. */
export async function assertRejects<E extends Error = Error>(
  fn: () => Promise<unknown>,
  // deno-lint-ignore no-explicit-any
  errorClass?: new (...args: any[]) => E,
  includes?: string,
): Promise<E> {
  try {
    await fn();
  } catch (e) {
    if (errorClass && !(e instanceof errorClass)) {
      throw new AssertionError({ message: `expected ${errorClass.name}, got ${e}` });
    }
    if (includes && !(e as Error).message.includes(includes)) {
      throw new AssertionError({ message: `expected message to include ${includes}: ${e}` });
    }
    return e as E;
  }
  throw new AssertionError({ message: "expected the function to reject" });
}
