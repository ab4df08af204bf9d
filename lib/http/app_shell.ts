/**
 * How the site shares `_app` between pages rendered per request (framework `ShellOptions`):
 * never for a signed-in visitor (the header names them); otherwise by demo key, with the
 * request's trace context swapped for a placeholder in the kept shell and put back per request.
 */
import type { ShellOptions } from "../framework/mod.ts";
import { formatTraceparent, type TraceContext } from "../telemetry/trace_context.ts";

const PLACEHOLDER: TraceContext = {
  traceId: "5e11ca5e5e11ca5e5e11ca5e5e11ca5e",
  spanId: "5e11ca5e5e11ca5e",
  sampled: true,
};
const PLACEHOLDER_TEXT = formatTraceparent(PLACEHOLDER);

/** The site's shell sharing. */
export const appShell: ShellOptions = {
  share(state) {
    if (state.user) return null;
    if (!state.trace) return { key: `${state.demoKey}`, state, replace: [] };
    return {
      key: `${state.demoKey}|trace`,
      state: { ...state, trace: PLACEHOLDER },
      replace: [[PLACEHOLDER_TEXT, formatTraceparent(state.trace)]],
    };
  },
};
