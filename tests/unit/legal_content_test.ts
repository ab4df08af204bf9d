/** The legal pages come from content/legal/*.md with the brand and contact details filled in. */
import { throws } from "node:assert";
import { assert, assertEquals, assertStringIncludes } from "../support/assert.ts";
import { legalDocument, parseLegal } from "../../lib/legal.ts";
import { siteConfig } from "../../lib/site_config.ts";

Deno.test("every legal page parses, with no placeholder left unfilled", async () => {
  for (const doc of ["privacy", "terms", "cookies"] as const) {
    const d = await legalDocument(doc);
    assert(d.title && d.lead && d.description.length >= 30, `${doc}: front matter`);
    const html = d.parts.join("");
    assert(!/\{\{\w+\}\}/.test(html + d.lead + d.description), `${doc}: placeholders filled`);
    assert(html.includes("<h2"), `${doc}: has sections`);
  }
  const privacy = await legalDocument("privacy");
  assertEquals(privacy.parts.length, 2, "the telemetry switch has its place");
  assertStringIncludes(privacy.parts[0], `mailto:${siteConfig.contact.privacyEmail}`);
});

Deno.test("a legal file without its front matter is refused with its name", () => {
  throws(
    () => parseLegal("terms", "## 1. Terms\n\nText."),
    /content\/legal\/terms\.md: bad front matter/,
  );
  const ok = parseLegal(
    "terms",
    "---\ntitle: T\ndescription: A description that is long enough to use.\nlead: By {{name}}\n---\n" +
      "## One\n\nWrite to {{supportEmail}}.",
  );
  assertEquals(ok.lead, `By ${siteConfig.name}`);
  assertStringIncludes(ok.parts[0], siteConfig.contact.supportEmail);
});
