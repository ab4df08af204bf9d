import "./auth/state.ts";
import type { Services } from "./services.ts";
import type { TraceContext } from "./telemetry/trace_context.ts";

declare module "./framework/types.ts" {
  /** What the app's middlewares put on every request's state. */
  interface State {
    services: Services;
    requestId: string;
    trace: TraceContext;
  }
}
