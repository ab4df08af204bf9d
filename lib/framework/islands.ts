import { type ComponentType, h, options, type VNode } from "preact";

const islandNames = new Map<unknown, string>();
let used: Set<string> | null = null;
let creatingInner = false;

/** Registers island components so the server wraps them in hydration markers. */
export function registerIslands(islands: Record<string, ComponentType<Record<string, unknown>>>) {
  for (const [name, component] of Object.entries(islands)) islandNames.set(component, name);
}

/** Island name for a manifest key: `./islands/LiveDemo.tsx` -> `LiveDemo`. */
export function islandName(key: string): string {
  return key.replace(/^\.\/islands\//, "").replace(/\.(tsx|ts|jsx|js)$/, "").replaceAll("/", "_");
}

/**
 * Serializes island props to JSON for a `data-props` attribute. Only JSON values are allowed;
 * the renderer escapes the attribute, so `</script>` or `<!--` in a prop cannot break the page.
 */
export function serializeProps(name: string, props: Record<string, unknown>): string {
  const { children: _children, ...rest } = props;
  try {
    return JSON.stringify(rest, (_k, v) => {
      if (typeof v === "function" || typeof v === "symbol" || typeof v === "bigint") {
        throw new TypeError(`a ${typeof v}`);
      }
      if (v && typeof v === "object" && "__k" in v) throw new TypeError("a JSX element");
      return v;
    });
  } catch (e) {
    throw new TypeError(
      `Island ${name} received ${(e as Error).message} as a prop; island props must be JSON`,
    );
  }
}

function IslandMarker(
  { name, component, props }: {
    name: string;
    component: ComponentType<Record<string, unknown>>;
    props: Record<string, unknown>;
  },
): VNode<unknown> {
  used?.add(name);
  creatingInner = true;
  const inner = h(component, props);
  creatingInner = false;
  const attrs = { "data-island": name, "data-props": serializeProps(name, props) };
  return h("div", attrs, inner) as VNode<unknown>;
}

const previousVnode = options.vnode;
options.vnode = (vnode) => {
  const name = islandNames.get(vnode.type);
  if (name && !creatingInner) {
    const props = vnode.props as Record<string, unknown>;
    (vnode as { props: unknown }).props = { name, component: vnode.type, props };
    vnode.type = IslandMarker as ComponentType;
  }
  previousVnode?.(vnode);
};

/** Runs a synchronous render and returns its result with the islands it used. */
export function collectIslands<T>(render: () => T): { result: T; islands: Set<string> } {
  const previous = used;
  used = new Set();
  try {
    return { result: render(), islands: used };
  } finally {
    used = previous;
  }
}
