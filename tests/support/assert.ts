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

/**
 * Resolves with `promise`'s value, or fails when it has not settled after `ms`. For things that
 * must happen at all where the alternative is never (or minutes away): keep `ms` generous, since
 * a busy machine is slow, not wrong; how fast something happens is a `deno task bench` figure.
 */
export async function settlesWithin<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new AssertionError({ message: `${what} did not happen within ${ms} ms` })),
      ms,
    );
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
