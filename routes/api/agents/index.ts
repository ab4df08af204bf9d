import "../../../lib/state.ts";
import { z } from "zod";
import { docsSearchIndex } from "../../../lib/docs/search.ts";
import type { Handlers } from "../../../lib/framework/mod.ts";
import { agents } from "../../../lib/agents/registry.ts";
import { warmLanguageData } from "../../../lib/agents/nlp/warm.ts";
import { providerLabel, providerOf } from "../../../lib/agents/providers/select.ts";

/**
 * `GET /api/agents`: every agent with its input as JSON Schema and an example input. The live
 * demo asks on load, which also warms the docs index and the lead qualifier's language data so
 * the first run answers quickly.
 */
export const handler: Handlers = {
  GET: (ctx) => {
    docsSearchIndex().catch(() => {});
    void warmLanguageData();
    const { provider, model } = providerOf(ctx.state.services.settings);
    return Response.json({
      agents: agents.map((a) => ({
        id: a.id,
        title: a.title,
        description: a.description,
        provider,
        providerLabel: providerLabel(provider),
        model,
        inputSchema: z.toJSONSchema(a.input, { io: "input", unrepresentable: "any" }),
        example: a.example,
        samples: a.samples,
      })),
    }, { headers: { "cache-control": "no-store" } });
  },
};
