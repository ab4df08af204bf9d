/**
 * Questions the docs assistant could not answer from the docs, counted by normalized text per
 * workspace (null: anonymous visitors of the site's demo). A finished run counts once: the
 * caller records it in the transaction that first persists the run.
 */
import type { Db } from "../db/types.ts";

/** How the docs assistant says the docs do not cover a question (offline engine and prompt). */
const NOT_IN_DOCS = [
  /\bdocs? (?:do|does) not cover\b/i,
  /\bdocumentation (?:do|does) not cover\b/i,
  /\b(?:docs?|documentation) (?:don't|doesn't) cover\b/i,
  /\bnot (?:covered )?in the (?:docs|documentation)\b/i,
];

/** True when a docs-assistant answer says the docs do not cover the question. */
export function saysNotInDocs(answer: string): boolean {
  const opening = answer.slice(0, 400);
  return NOT_IN_DOCS.some((re) => re.test(opening));
}

/** The question as counted: lower case, punctuation and extra spaces removed, 500 chars at most. */
export function normalizeQuestion(question: string): string {
  return question.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}\s'-]+/gu, " ")
    .replace(/\s+/g, " ").trim().slice(0, 500);
}

/** A finished run, as far as counting goes. */
export interface FinishedRun {
  agent: string;
  status: string;
  input: Record<string, unknown>;
  output: string | null;
  owner: { tenantId: string | null };
}

/** Counts the run's question when it is a docs-assistant answer that the docs do not cover. */
export async function recordUnanswered(tx: Db, run: FinishedRun): Promise<boolean> {
  if (run.agent !== "docs-assistant" || run.status !== "succeeded") return false;
  if (typeof run.input.question !== "string" || !saysNotInDocs(run.output ?? "")) return false;
  const question = normalizeQuestion(run.input.question);
  if (!question) return false;
  await tx.query(
    `insert into docs_unanswered (tenant_id, question) values ($1, $2)
     on conflict (tenant_id, question) do update
       set asked = docs_unanswered.asked + 1, last_asked_at = now()`,
    [run.owner.tenantId, question],
  );
  return true;
}
