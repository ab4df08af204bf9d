/**
 * Reads the Markdown files under docs/ with their front matter. The sidebar order comes from
 * the front matter (`group`, `order`); files without it still appear, after the ordered ones.
 * `audience: contributors` marks a page written for people who work on Relay itself (its test
 * drills, its docs conventions) rather than for its users.
 *
 * ```md
 * ---
 * title: Running locally
 * description: One command, embedded KV and Postgres.
 * group: Get started
 * order: 20
 * ---
 * ```
 */
import { z } from "zod";
import { fromFileUrl } from "../framework/file_url.ts";

/** One Markdown file under docs/, before rendering. */
export interface DocSource {
  /** Path under docs/ without `.md`, e.g. `runs-api` or `guides/deploy`. */
  slug: string;
  title: string | null;
  description: string | null;
  group: string;
  order: number;
  /** Who the page is for: its users (the default) or the contributors to Relay itself. */
  audience: DocAudience;
  markdown: string;
}

/** Readers a docs page is written for. */
export type DocAudience = "everyone" | "contributors";

/** Sidebar group of files that do not name one. */
export const DEFAULT_GROUP = "More";

const frontMatterSchema = z.object({
  title: z.string().min(1).optional(),
  description: z.string().min(1).optional(),
  group: z.string().min(1).optional(),
  order: z.coerce.number().finite().optional(),
  audience: z.enum(["everyone", "contributors"]).optional(),
}).loose();

/** Splits `---` front matter (simple `key: value` lines) from the Markdown body. */
export function splitFrontMatter(text: string): { data: Record<string, string>; body: string } {
  const match = text.match(/^---\r?\n([\s\S]*?)\r?\n---\r?\n?/);
  if (!match) return { data: {}, body: text };
  const data: Record<string, string> = {};
  for (const line of match[1].split(/\r?\n/)) {
    const kv = line.match(/^([A-Za-z][\w-]*)\s*:\s*(.*)$/);
    if (kv) data[kv[1]] = kv[2].trim().replace(/^(["'])(.*)\1$/, "$2");
  }
  return { data, body: text.slice(match[0].length) };
}

/** Parses one file's text; `slug` names it in error messages. */
export function parseDocSource(slug: string, text: string): DocSource {
  const { data, body } = splitFrontMatter(text);
  const parsed = frontMatterSchema.safeParse(data);
  if (!parsed.success) {
    throw new Error(`docs/${slug}.md: bad front matter: ${parsed.error.issues[0].message}`);
  }
  const fm = parsed.data;
  return {
    slug,
    title: fm.title ?? null,
    description: fm.description ?? null,
    group: fm.group ?? DEFAULT_GROUP,
    order: fm.order ?? Number.POSITIVE_INFINITY,
    audience: fm.audience ?? "everyone",
    markdown: body,
  };
}

/** Reads every `*.md` under `dir` (recursively), in no particular order. */
export async function readDocSources(dir: URL): Promise<DocSource[]> {
  const root = fromFileUrl(dir).replace(/\/$/, "");
  const out: DocSource[] = [];
  const walk = async (rel: string) => {
    let entries: Deno.DirEntry[];
    try {
      entries = await Array.fromAsync(Deno.readDir(root + rel));
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) return;
      throw e;
    }
    for (const entry of entries) {
      if (entry.name.startsWith(".") || entry.name.startsWith("_")) continue;
      const path = `${rel}/${entry.name}`;
      if (entry.isDirectory) await walk(path);
      else if (entry.isFile && entry.name.endsWith(".md")) {
        const slug = path.slice(1, -3);
        if (!/^[a-z0-9][a-z0-9/_-]*$/.test(slug)) continue;
        out.push(parseDocSource(slug, await Deno.readTextFile(root + path)));
      }
    }
  };
  await walk("");
  return out;
}

/** Sidebar order: groups by their first page's order, pages by order then title/slug. */
export function orderDocs<T extends { group: string; order: number; slug: string; title: string }>(
  docs: T[],
): T[] {
  const byOrder = (a: T, b: T) =>
    a.order - b.order || a.title.localeCompare(b.title) || a.slug.localeCompare(b.slug);
  const sorted = [...docs].sort(byOrder);
  const groupRank = new Map<string, number>();
  sorted.forEach((d, i) => {
    if (!groupRank.has(d.group)) groupRank.set(d.group, d.group === DEFAULT_GROUP ? Infinity : i);
  });
  return sorted.sort((a, b) =>
    groupRank.get(a.group)! - groupRank.get(b.group)! ||
    (a.group === b.group ? byOrder(a, b) : a.group.localeCompare(b.group))
  );
}
