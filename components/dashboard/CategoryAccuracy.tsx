import type { CategoryStats } from "../../lib/tickets/queries.ts";

function percent(n: number): string {
  return `${Math.round(n * 100)}%`;
}

/**
 * Counts and accuracy per ticket category as a table with a meter per row (narrow enough for
 * a 390 px screen; the table scrolls sideways inside its frame if it must). Accuracy counts
 * only tickets an operator reviewed on the ticket page.
 */
export function CategoryAccuracy({ stats }: { stats: CategoryStats[] }) {
  if (stats.length === 0) return <p>No triaged tickets yet.</p>;
  return (
    <>
      <div class="table-scroll" tabindex={0}>
        <table data-category-stats>
          <caption class="visually-hidden">Tickets and triage accuracy per category</caption>
          <thead>
            <tr>
              <th scope="col">Category</th>
              <th scope="col">Tickets</th>
              <th scope="col">Reviewed</th>
              <th scope="col">Accuracy</th>
            </tr>
          </thead>
          <tbody>
            {stats.map((s) => (
              <tr key={s.category} data-category={s.category}>
                <th scope="row">{s.category}</th>
                <td data-assigned>{s.assigned}</td>
                <td data-reviewed>{s.reviewed}</td>
                <td data-accuracy>
                  {s.accuracy === null ? "not reviewed yet" : (
                    <>
                      <meter min={0} max={1} value={s.accuracy} aria-hidden="true" />{" "}
                      {percent(s.accuracy)} ({s.reviewed - s.wrong} of {s.reviewed})
                    </>
                  )}
                  {s.movedIn > 0 && <span class="badge">+{s.movedIn} moved in</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="muted">
        Tickets: how many the agent put in the category. Reviewed: how many of those an operator
        confirmed or corrected on the ticket page. Accuracy: the share of reviewed tickets whose
        category the operator kept.
      </p>
    </>
  );
}
