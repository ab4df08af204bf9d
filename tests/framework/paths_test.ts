import { assert, assertEquals } from "../support/assert.ts";
import { ancestorDirs, comparePatterns, parseRouteFile } from "../../lib/framework/paths.ts";

Deno.test("file names map to Hono patterns", () => {
  const cases: Record<string, string> = {
    "./routes/index.tsx": "/",
    "./routes/pricing.tsx": "/pricing",
    "./routes/docs/index.tsx": "/docs",
    "./routes/docs/[...slug].tsx": "/docs/:slug{.+}",
    "./routes/api/runs/[id]/stream.ts": "/api/runs/:id/stream",
    "./routes/(marketing)/solutions/[slug].tsx": "/solutions/:slug",
    "./routes/(marketing)/index.tsx": "/",
  };
  for (const [key, pattern] of Object.entries(cases)) {
    assertEquals(parseRouteFile(key).pattern, pattern, key);
    assertEquals(parseRouteFile(key).kind, "route");
  }
});

Deno.test("special files are recognised with their folder", () => {
  assertEquals(parseRouteFile("./routes/_app.tsx").kind, "app");
  assertEquals(parseRouteFile("./routes/(site)/docs/_layout.tsx"), {
    key: "./routes/(site)/docs/_layout.tsx",
    kind: "layout",
    dir: "(site)/docs",
    pattern: "",
  });
  assertEquals(parseRouteFile("./routes/admin/_middleware.ts").kind, "middleware");
  assertEquals(parseRouteFile("./routes/_404.tsx").kind, "notFound");
  assertEquals(parseRouteFile("./routes/_500.tsx").kind, "error");
});

Deno.test("static beats parameter beats catch-all, segment by segment", () => {
  const sorted = ["/docs/:slug{.+}", "/users/:id", "/users/new", "/docs/search", "/:page"]
    .sort(comparePatterns);
  const before = (a: string, b: string) => sorted.indexOf(a) < sorted.indexOf(b);
  assert(before("/docs/search", "/docs/:slug{.+}"), sorted.join());
  assert(before("/users/new", "/users/:id"), sorted.join());
  assert(before("/users/new", "/:page"), sorted.join());
});

Deno.test("ancestor folders run root first", () => {
  assertEquals(ancestorDirs(""), [""]);
  assertEquals(ancestorDirs("a/(g)/b"), ["", "a", "a/(g)", "a/(g)/b"]);
});
