import { type ComponentType, h, type VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import type { IslandAssets } from "./bundle.ts";
import { collectIslands } from "./islands.ts";
import { bootTags, withTags } from "./shell.ts";
import type { LayoutProps, Meta, PageProps } from "./types.ts";

// deno-lint-ignore no-explicit-any
type AnyComponent = ComponentType<any>;

/** What one page render needs: the page, its layouts (outermost first) and `_app`. */
export interface RenderInput {
  app?: AnyComponent;
  layouts: AnyComponent[];
  page: AnyComponent;
  props: PageProps<unknown>;
  meta: Meta;
  assets: IslandAssets;
}

/**
 * Renders a page to a full HTML document. Island scripts are added to `<head>` only when the
 * page used an island or the app has a page script (which runs on every page).
 */
export function renderDocument(input: RenderInput): string {
  const { app, layouts, page, props, meta, assets } = input;
  let inner: VNode = h(page, props as unknown as Record<string, unknown>);
  for (const layout of [...layouts].reverse().concat(app ? [app] : [])) {
    const child = inner;
    const Component = () => child;
    inner = h(
      layout,
      { ...props, Component, meta } as LayoutProps<unknown> & Record<string, unknown>,
    );
  }
  const { result: body, islands } = collectIslands(() => renderToString(inner));
  const html = body.startsWith("<html") ? `<!DOCTYPE html>${body}` : body;
  const tags = bootTags(assets, islands.size > 0);
  return tags ? withTags(html, tags) : html;
}
