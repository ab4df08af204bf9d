import { type Handlers, HttpError } from "../../../../../lib/framework/mod.ts";
import { mediaType } from "../../../../../lib/security/body_limits.ts";
import { ipSubject } from "../../../../../lib/security/client_ip.ts";
import { enforceRateLimit, requestIp } from "../../../../../lib/security/rate_limit.ts";
import { rules } from "../../../../../lib/security/rules.ts";
import { acceptTicket, ticketBody } from "../../../../../lib/tickets/intake.ts";
import { signingKey } from "../../../../../lib/tickets/settings.ts";
import { verifyTicketSignature } from "../../../../../lib/tickets/signature.ts";
import { parseOr400, refuseUnstorable } from "../../../../../lib/tracking/parse.ts";

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

function noSuchEndpoint(): HttpError {
  return new HttpError(
    404,
    "not_found",
    "No workspace takes tickets at this address: check the workspace and create its signing key on the dashboard's ticket settings.",
  );
}

/**
 * `POST /api/workspaces/:workspace/tickets`: a ticket from a help desk, signed with the
 * workspace's key (see docs/tickets-api.md) -> `202 { id, status: "queued" }`, or `200` with
 * `duplicate: true` for an `externalId` already received. The agent triages it as a job.
 */
export const handler: Handlers = {
  POST: async (ctx) => {
    const slug = ctx.params.workspace;
    if (!SLUG.test(slug)) throw noSuchEndpoint();
    const { services } = ctx.state;
    await enforceRateLimit(ctx, rules.tickets, `workspace:${slug}`);
    const [ws] = await services.db.query<{ id: string }>(
      "select id from tenants where slug = $1",
      [slug],
    );
    const key = ws && await signingKey(services.db, services.settings.webhookSecrets, ws.id);
    if (!ws || !key) throw noSuchEndpoint();
    if (mediaType(ctx.req.headers.get("content-type")) !== "application/json") {
      throw new HttpError(415, "unsupported_media_type", "Send the ticket as application/json.");
    }
    const raw = await ctx.req.text();
    await verifyTicketSignature(services.kv, ws.id, key, ctx.req.headers, raw);
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new HttpError(400, "invalid_json", "The request body is not valid JSON.");
    }
    refuseUnstorable(value);
    const ticket = parseOr400(
      ticketBody,
      value,
      "invalid_ticket",
      "Send { body, subject?, customer?: { name?, email? }, externalId?, replyUrl? }.",
    );
    const { id, duplicate } = await acceptTicket(services, ws.id, ticket, {
      ipSubject: ipSubject(requestIp(ctx.hono)),
      requestId: ctx.state.requestId,
    });
    return Response.json({ id, status: duplicate ? "duplicate" : "queued", duplicate }, {
      status: duplicate ? 200 : 202,
    });
  },
};
