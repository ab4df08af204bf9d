/**
 * The reference for pages rendered per request: a plain Hono app rendering the same page
 * components (`_app` around the Contact page) with preact-render-to-string on every request,
 * with the same data (a fresh form token each time), and no middleware. Args: port. The
 * settings come from the environment, as the app's do.
 */
import { Hono } from "hono";
import { h } from "preact";
import { renderToString } from "preact-render-to-string";
import App from "../../routes/_app.tsx";
import Contact, { meta } from "../../routes/contact.tsx";
import { loadSettings } from "../../lib/config.ts";
import { captchaConfig } from "../../lib/leads/captcha.ts";
import { issueFormToken } from "../../lib/leads/form_token.ts";
import { currentDemoKey } from "../../lib/tracking/demo_key.ts";
import type { State } from "../../lib/framework/types.ts";

const settings = await loadSettings({ ...Deno.env.toObject(), PORT: Deno.args[0] });
const app = new Hono();
app.get("/contact", async (c) => {
  const url = new URL(c.req.url);
  const state = { services: { settings }, demoKey: await currentDemoKey(settings) } as State;
  const data = {
    variant: "full" as const,
    source: "contact",
    formToken: await issueFormToken(settings),
    captcha: captchaConfig(settings),
    sent: url.searchParams.get("sent") === "1",
  };
  const props = { data, url, state, params: {}, route: "/contact" };
  const page = () => h(Contact, props);
  const html = renderToString(h(App, { ...props, Component: page, meta }));
  return c.html(`<!DOCTYPE html>${html}`);
});
Deno.serve({ port: Number(Deno.args[0]), hostname: "127.0.0.1", onListen: () => {} }, app.fetch);
