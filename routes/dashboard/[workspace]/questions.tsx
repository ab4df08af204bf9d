import { Time } from "../../../components/auth/Time.tsx";
import "../../../lib/dashboard/state.ts";
import type { Handlers, Meta, PageProps } from "../../../lib/framework/mod.ts";
import { listUnanswered, type UnansweredQuestion } from "../../../lib/unanswered/list.ts";

/** Unanswered questions metadata. */
export const meta: Meta = { title: "Unanswered questions", noindex: true };

interface Data {
  questions: UnansweredQuestion[];
  site: boolean;
}

/** Questions the docs assistant answered with "the docs do not cover this", most asked first. */
export const handler: Handlers<Data> = {
  GET: async (ctx) => {
    const scope = ctx.state.dashboardScope!;
    return ctx.render({
      questions: await listUnanswered(ctx.state.services.db, scope),
      site: scope.site,
    });
  },
};

/** The unanswered questions page. */
export default function QuestionsPage({ data }: PageProps<Data>) {
  return (
    <main class="dash-main">
      <h1>Unanswered questions</h1>
      <p class="muted">
        Questions the docs assistant answered with "the docs do not cover this"
        {data.site ? ", from this workspace and from visitors of the site's demo" : ""}. Questions
        are counted by their text in lower case without punctuation. Each is a page or a section
        your docs could add.
      </p>
      {data.questions.length === 0
        ? <p>No unanswered questions yet.</p>
        : (
          <div class="table-scroll" tabindex={0}>
            <table data-unanswered>
              <caption class="visually-hidden">Unanswered questions, most asked first</caption>
              <thead>
                <tr>
                  <th scope="col">Question</th>
                  <th scope="col">Asked</th>
                  <th scope="col">Last asked</th>
                </tr>
              </thead>
              <tbody>
                {data.questions.map((q) => (
                  <tr key={q.question} data-question={q.question}>
                    <th scope="row">{q.question}</th>
                    <td data-asked>{q.asked}</td>
                    <td>
                      <Time at={q.lastAskedAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
    </main>
  );
}
