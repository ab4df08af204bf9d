/**
 * Pages rendered once with placeholders for their per-request fields (`perRequest`): each
 * request gets exactly what a full render gives, with its own value, and the page component
 * runs once per template; a page that does more with the value than show it is never templated.
 */
import { h } from "preact";
import { renderToString } from "preact-render-to-string";
import { assertEquals } from "../support/assert.ts";
import { PageTemplates } from "../../lib/framework/page_template.ts";
import { collectIslands } from "../../lib/framework/islands.ts";
import type { PageProps } from "../../lib/framework/mod.ts";

type Data = { token: string; sent: boolean };

function props(data: Data, search = ""): PageProps<unknown> {
  return {
    data,
    url: new URL(`http://site.test/contact${search}`),
    params: {},
    state: {} as PageProps<unknown>["state"],
    route: "/contact",
  };
}

function counting(Page: (p: { data: Data }) => unknown) {
  let renders = 0;
  const render = (p: PageProps<unknown>) => {
    renders++;
    return collectIslands(() => renderToString(h(Page as never, p as never)));
  };
  return { render, renders: () => renders };
}

const Form = ({ data }: { data: Data }) => (
  <form data-props={JSON.stringify({ token: data.token })}>
    <input type="hidden" name="formToken" value={data.token} />
    {data.sent && <p>Thanks</p>}
  </form>
);

Deno.test("a templated page is what a full render gives, with each request's own value", () => {
  const templates = new PageTemplates();
  const page = counting(Form);
  const tokens = ["aaa.111", "bbb.222", "ccc-333_x", "ddd~4"];
  for (const token of tokens) {
    const got = templates.render("shell", props({ token, sent: false }), ["token"], page.render);
    assertEquals(got?.result, renderToString(<Form data={{ token, sent: false }} />));
  }
  // The first request renders with placeholders and for real; the others splice.
  assertEquals(page.renders(), 2);
  const sent = templates.render(
    "shell",
    props({ token: "eee", sent: true }),
    ["token"],
    page.render,
  );
  assertEquals(sent?.result, renderToString(<Form data={{ token: "eee", sent: true }} />));
  assertEquals(page.renders(), 4, "other data is another template");
});

Deno.test("values needing escaping, and pages deriving from the value, are never templated", () => {
  const templates = new PageTemplates();
  const page = counting(Form);
  const quoted = props({ token: 'a"b<c', sent: false });
  assertEquals(templates.render("shell", quoted, ["token"], page.render), null);

  const Loud = ({ data }: { data: Data }) => (
    <p>
      {data.token} {data.token.toUpperCase()}
    </p>
  );
  const loud = counting(Loud);
  for (const token of ["abcdef", "xyzuvw", "klmnop"]) {
    const want = renderToString(<Loud data={{ token, sent: false }} />);
    const got = templates.render("shell", props({ token, sent: false }), ["token"], loud.render);
    assertEquals(got?.result ?? want, want);
  }
  assertEquals(loud.renders(), 2, "the comparison of the first request ruled the template out");
});
