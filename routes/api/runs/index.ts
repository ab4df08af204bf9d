import { z } from "zod";
import { type Handlers, HttpError } from "../../../lib/framework/mod.ts";
import { agentById, agents } from "../../../lib/agents/registry.ts";
import { viewerOf } from "../../../lib/agents/runs/access.ts";
import { createRun, replayedRun } from "../../../lib/agents/runs/create.ts";
import {
  releaseRunQuota,
  reserveRunQuota,
  topUpRunQuota,
  withoutUploads,
} from "../../../lib/agents/runs/quota.ts";
import { streamUrlOf } from "../../../lib/agents/runs/view.ts";
import { RUN_MESSAGE_TYPE } from "../../../lib/agents/runs/queue.ts";
import { startRunHere } from "../../../lib/agents/runs/worker.ts";
import { providerOf } from "../../../lib/agents/providers/select.ts";
import { consentFrom } from "../../../lib/consent.ts";
import { quoteUntrusted } from "../../../lib/security/content/mod.ts";
import { enforceRateLimit, requestIp } from "../../../lib/security/rate_limit.ts";
import { rules } from "../../../lib/security/rules.ts";
import { ipSubject, workspaceSubject } from "../../../lib/security/client_ip.ts";
import { formatTraceparent } from "../../../lib/telemetry/trace_context.ts";
import { jsonBody, parseOr400 } from "../../../lib/tracking/parse.ts";
import { storable, text } from "../../../lib/validation/text.ts";

const body = z.object({
  agent: text().min(1).max(64),
  input: storable(z.record(z.string(), z.unknown())),
});

/** Largest prepared input stored with a run (run records live in KV, 64 KiB a value). */
const MAX_STORED_INPUT_CHARS = 40_000;

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** `POST /api/runs` `{ agent, input }` -> `202 { runId, streamUrl }`. */
export const handler: Handlers = {
  POST: async (ctx) => {
    const req = parseOr400(
      body,
      await jsonBody(ctx.req),
      "invalid_request",
      "Send { agent, input }.",
    );
    const agent = agentById(req.agent);
    if (!agent) {
      throw new HttpError(400, "unknown_agent", `There is no agent "${req.agent}".`, {}, {
        agents: agents.map((a) => a.id),
      });
    }
    const input = parseOr400(
      agent.input,
      req.input,
      "invalid_input",
      `The input does not match the ${agent.title} schema (see GET /api/agents).`,
    ) as Record<string, unknown>;
    const key = ctx.req.headers.get("idempotency-key");
    if (key !== null && !IDEMPOTENCY_KEY.test(key)) {
      throw new HttpError(
        400,
        "invalid_idempotency_key",
        "Idempotency-Key must be 1-200 visible ASCII characters.",
      );
    }
    const viewer = await viewerOf(ctx, { create: true });
    const { kv } = ctx.state.services;
    const headers = new Headers({ "cache-control": "no-store" });
    if (viewer.setCookie) headers.append("set-cookie", viewer.setCookie);
    const accepted = (runId: string, replayed: boolean) => {
      headers.set("location", `/api/runs/${runId}`);
      if (replayed) headers.set("idempotent-replayed", "true");
      const { provider } = providerOf(ctx.state.services.settings);
      return Response.json({ runId, streamUrl: streamUrlOf(runId), provider }, {
        status: 202,
        headers,
      });
    };
    if (key) {
      const existing = await replayedRun(kv, viewer, key, agent.id, input);
      if (existing) return accepted(existing, true);
    }
    if (viewer.tenantId) {
      await enforceRateLimit(ctx, rules.runsPerWorkspace, workspaceSubject(viewer.tenantId));
    }
    const owner = { ...viewer, ipSubject: ipSubject(requestIp(ctx.hono)) };
    const { services } = ctx.state;
    let reservation = await reserveRunQuota(
      services,
      owner,
      agent,
      withoutUploads(input),
      ctx.state.requestId,
    );
    let ready: Record<string, unknown>;
    try {
      ready = (agent.prepare ? await agent.prepare(input, services.settings) : input) as Record<
        string,
        unknown
      >;
      if (JSON.stringify(ready).length > MAX_STORED_INPUT_CHARS) {
        throw new HttpError(413, "input_too_large", "The input is too large for one run.");
      }
      reservation = await topUpRunQuota(
        services,
        reservation,
        owner,
        agent,
        ready,
        ctx.state.requestId,
      );
    } catch (error) {
      await releaseRunQuota(services, reservation);
      throw error;
    }
    const { runId, replayed } = await createRun(ctx.state.services, {
      agent,
      requestInput: input,
      input: ready,
      flags: quoteUntrusted(JSON.stringify(ready)).flags,
      owner: { tenantId: viewer.tenantId, userId: viewer.userId, visitorHash: viewer.visitorHash },
      traceparent: formatTraceparent(ctx.state.trace),
      trackable: consentFrom(ctx.req).analytics,
      reservation,
    }, key);
    if (!replayed) {
      const traceparent = formatTraceparent(ctx.state.trace);
      startRunHere({ type: RUN_MESSAGE_TYPE, runId, attempt: 1, traceparent }, services);
    }
    return accepted(runId, replayed);
  },
};
