import { consentFrom } from "../../lib/consent.ts";
import type { Handlers } from "../../lib/framework/mod.ts";
import { formatTraceparent, parseTraceparent } from "../../lib/telemetry/trace_context.ts";
import { demoEventInputSchema } from "../../lib/tracking/events.ts";
import { jsonBody, parseOr400 } from "../../lib/tracking/parse.ts";
import { recordDemoEvent } from "../../lib/tracking/record.ts";
import { recorderOf } from "../../lib/tracking/record_auth.ts";

/** Browsing events, not counted for signed-in members. */
const VISIT_EVENTS: ReadonlySet<string> = new Set(["page_view", "cta_click"]);

/**
 * `POST /demo/record`: one demo event from a page (demo key), a signed-in browser (session) or a
 * server (workspace API token). Rate limited by the `demo_feed` rule. Without analytics consent,
 * or with `Sec-GPC: 1` / `DNT: 1`, it answers 204 and stores nothing; so it does for page views
 * and clicks of signed-in browsers (the operators' own visits are not site traffic). Otherwise
 * 202 with the event's position in its feed.
 */
export const handler: Handlers = {
  POST: async (ctx) => {
    const recorder = await recorderOf(ctx);
    const input = parseOr400(
      demoEventInputSchema,
      await jsonBody(ctx.req),
      "invalid_event",
      "The event is not valid.",
    );
    const consent = consentFrom(ctx.req);
    const refused = consent.signal !== null ||
      (recorder.source !== "token" && !consent.analytics);
    if (refused) return new Response(null, { status: 204, headers: { "x-consent": "refused" } });
    if (recorder.source === "session" && VISIT_EVENTS.has(input.type)) {
      return new Response(null, { status: 204, headers: { "x-ignored": "signed-in" } });
    }
    const given = ctx.req.headers.get("traceparent");
    const recorded = await recordDemoEvent(ctx.state.services, {
      ...input,
      workspaceId: recorder.workspaceId,
      source: recorder.source,
      requestId: ctx.state.requestId,
      traceparent: parseTraceparent(given) ? given : formatTraceparent(ctx.state.trace),
    });
    return Response.json({
      accepted: true,
      seq: recorded.workspace?.seq ?? recorded.public?.seq,
      requestId: ctx.state.requestId,
    }, { status: 202 });
  },
};
