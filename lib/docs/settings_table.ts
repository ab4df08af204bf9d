/**
 * The configuration reference table, generated from `settingsReference` (lib/config/spec.ts) so
 * the Docs can never miss a setting. docs/configuration.md holds the markers; the table between
 * them is replaced with a fresh one whenever the docs are loaded.
 */
import { settingsReference } from "../config/spec.ts";

/** Marker lines around the generated table in a docs file. */
export const SETTINGS_TABLE_START = "<!-- settings-reference:start -->";
/** See {@link SETTINGS_TABLE_START}. */
export const SETTINGS_TABLE_END = "<!-- settings-reference:end -->";

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/** The Markdown table of every setting. */
export function settingsTableMarkdown(): string {
  const rows = settingsReference.map((s) => {
    const notes = [
      s.secret ? "**Secret.**" : "",
      s.requiredIn.length ? `**Required in ${s.requiredIn.join(", ")}.**` : "",
    ].filter(Boolean).join(" ");
    const def = s.default === null ? "(none)" : `\`${s.default}\``;
    return `| \`${s.name}\` | ${cell(def)} | ${cell(s.description)}${notes ? ` ${notes}` : ""} |`;
  });
  return [
    "| Variable | Default | What it does |",
    "| --- | --- | --- |",
    ...rows,
  ].join("\n");
}

/** Replaces the content between the markers with the current table (text without markers is returned unchanged). */
export function expandSettingsTable(markdown: string): string {
  const start = markdown.indexOf(SETTINGS_TABLE_START);
  const end = markdown.indexOf(SETTINGS_TABLE_END);
  if (start < 0 || end < start) return markdown;
  return markdown.slice(0, start + SETTINGS_TABLE_START.length) + "\n\n" +
    settingsTableMarkdown() + "\n\n" + markdown.slice(end);
}
