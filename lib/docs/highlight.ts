/** Syntax highlighting for the Docs code blocks: highlight.js with the languages the docs use. */
import hljs from "highlight.js/lib/core";
import bash from "highlight.js/lib/languages/bash";
import diff from "highlight.js/lib/languages/diff";
import dockerfile from "highlight.js/lib/languages/dockerfile";
import http from "highlight.js/lib/languages/http";
import ini from "highlight.js/lib/languages/ini";
import javascript from "highlight.js/lib/languages/javascript";
import json from "highlight.js/lib/languages/json";
import markdown from "highlight.js/lib/languages/markdown";
import plaintext from "highlight.js/lib/languages/plaintext";
import shell from "highlight.js/lib/languages/shell";
import sql from "highlight.js/lib/languages/sql";
import typescript from "highlight.js/lib/languages/typescript";
import xml from "highlight.js/lib/languages/xml";
import yaml from "highlight.js/lib/languages/yaml";

const LANGUAGES = {
  bash,
  diff,
  dockerfile,
  http,
  ini,
  javascript,
  json,
  markdown,
  plaintext,
  shell,
  sql,
  typescript,
  xml,
  yaml,
};
for (const [name, lang] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, lang);
hljs.registerAliases(["sh", "console"], { languageName: "bash" });
hljs.registerAliases(["toml"], { languageName: "ini" });
hljs.registerAliases(["text", "txt"], { languageName: "plaintext" });

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Highlights `code` as `language` (a name or alias). Unknown or missing languages are escaped
 * as plain text; returns the HTML and the language name used (null for plain).
 */
export function highlightCode(
  code: string,
  language: string,
): { html: string; language: string | null } {
  const lang = language ? hljs.getLanguage(language) : undefined;
  if (!lang) return { html: escapeHtml(code), language: null };
  const name = language.toLowerCase();
  return {
    html: hljs.highlight(code, { language: name, ignoreIllegals: true }).value,
    language: name,
  };
}
