/** The docs assistant's unanswered questions a workspace's dashboard shows, most asked first. */
import type { Db } from "../db/types.ts";
import { type DataScope, ownedBy } from "../dashboard/scope.ts";

/** One question and how often it went unanswered. */
export interface UnansweredQuestion {
  question: string;
  asked: number;
  lastAskedAt: Date;
}

/** The scope's unanswered questions (the site's workspace includes anonymous visitors'). */
export async function listUnanswered(
  db: Db,
  scope: DataScope,
  limit = 100,
): Promise<UnansweredQuestion[]> {
  return await db.query<UnansweredQuestion>(
    `select question, sum(asked)::int as asked, max(last_asked_at) as "lastAskedAt"
     from docs_unanswered where ${ownedBy(1)}
     group by question order by asked desc, "lastAskedAt" desc limit $3`,
    [scope.tenantId, scope.site, limit],
  );
}
