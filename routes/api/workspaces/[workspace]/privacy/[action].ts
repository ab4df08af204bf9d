import { z } from "zod";
import { authorize } from "../../../../../lib/auth/authorize.ts";
import { dataScope } from "../../../../../lib/dashboard/scope.ts";
import { type Handlers, HttpError } from "../../../../../lib/framework/mod.ts";
import { erasePerson, exportPerson } from "../../../../../lib/privacy/person.ts";

const bodySchema = z.object({
  email: z.string().trim().min(3).max(254).regex(/^[^\s@]+@[^\s@]+$/, "email must be an address"),
});

/**
 * POST /api/workspaces/:workspace/privacy/export `{ email }`: everything the workspace holds
 * about that person, as JSON. POST .../privacy/erase `{ email }`: erases it and answers with
 * the counts. Owners and admins; both audited without the address.
 */
export const handler: Handlers = {
  POST: async (ctx) => {
    const action = ctx.params.action;
    if (action !== "export" && action !== "erase") {
      throw new HttpError(404, "not_found", "Use privacy/export or privacy/erase.");
    }
    const auth = await authorize(ctx, {
      workspace: ctx.params.workspace,
      roles: ["owner", "admin"],
    });
    let raw: unknown;
    try {
      raw = await ctx.req.json();
    } catch {
      throw new HttpError(400, "invalid_json", "Send a JSON object with an email.");
    }
    const body = bodySchema.safeParse(raw);
    if (!body.success) {
      throw new HttpError(422, "validation_failed", 'Send { "email": "name@example.com" }.');
    }
    const { services, requestId } = ctx.state;
    const request = {
      scope: await dataScope(services, auth.workspace.id),
      email: body.data.email,
      actorId: auth.user.id,
      requestId,
    };
    const result = action === "export"
      ? await exportPerson(services, request)
      : await erasePerson(services, request);
    return Response.json(result, { headers: { "cache-control": "no-store" } });
  },
};
