/** Reads a submitted form (urlencoded or multipart) and validates it with zod. */
import type { z } from "zod";
import { HttpError } from "../framework/mod.ts";

/** The form's fields parsed by `schema`; a 400 naming the problems when it does not fit. */
export async function readForm<S extends z.ZodType>(req: Request, schema: S): Promise<z.output<S>> {
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    throw new HttpError(400, "bad_request", "Please submit the form again.");
  }
  const fields: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string") fields[k] = v;
  const result = schema.safeParse(fields);
  if (!result.success) {
    const message = result.error.issues.map((i) => i.message).join(" ");
    throw new HttpError(400, "invalid_form", message || "Please check the form.");
  }
  return result.data;
}
