/** `deno task dev`: regenerate the manifest, then run the app (restarted by --watch). */
await import("./scripts/manifest.ts");
await import("./main.ts");
