/** Converts a `file:` URL to a path (the small part of `@std/path` this app needs). */
export function fromFileUrl(url: string | URL): string {
  const u = url instanceof URL ? url : new URL(url);
  if (u.protocol !== "file:") throw new TypeError(`not a file URL: ${u}`);
  return decodeURIComponent(u.pathname);
}
