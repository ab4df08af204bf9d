/** The docs assistant: answers product questions from docs/, citing the sections it used. */
import { z } from "zod";
import { text } from "../../validation/text.ts";
import { quoteUntrusted, UNTRUSTED_CONTENT_RULE } from "../../security/content/mod.ts";
import { siteConfig } from "../../site_config.ts";
import { type DocsSearchResult, searchDocsTool } from "../tools/search_docs.ts";
import { answerFromDocs } from "./docs_answer.ts";
import type { AgentDefinition } from "../types.ts";

const input = z.object({
  question: text().trim().min(3, "Ask a question of at least 3 characters").max(500)
    .describe("A question about the product"),
});

/** Input of the docs assistant. */
export type DocsQuestion = z.infer<typeof input>;

/** The docs assistant. */
export const docsAssistant: AgentDefinition<DocsQuestion> = {
  id: "docs-assistant",
  title: "Docs assistant",
  description:
    "Answers questions about the product from its documentation, with links to the sections it used.",
  input,
  systemPrompt: [
    `You are the ${siteConfig.name} documentation assistant.`,
    "Answer only from the documentation: call search_docs first, then answer in a few short paragraphs.",
    "Cite every section you use as a Markdown link [Title › Section](url), using the urls search_docs returned.",
    "If the documentation does not cover the question, say so plainly and suggest where to look.",
    UNTRUSTED_CONTENT_RULE,
  ].join("\n"),
  userMessage: ({ question }) => `Question:\n${quoteUntrusted(question).text}`,
  tools: [searchDocsTool],
  fields: [{
    name: "question",
    label: "Your question",
    multiline: false,
    required: true,
    placeholder: "How do I run the site locally?",
  }],
  example: { question: "How do I run the site locally?" },
  samples: [
    { label: "Run it locally", input: { question: "How do I run the site locally?" } },
    { label: "Resume a stream", input: { question: "How does a client resume a run stream?" } },
    { label: "Configure a provider", input: { question: "How do I use my own OpenAI key?" } },
  ],
  async offline({ question }, { callTool, say }) {
    await say("Let me look that up in the docs.\n\n");
    const found = await callTool("search_docs", { query: question, limit: 4 }) as DocsSearchResult;
    return answerFromDocs(question, found.results, found.unmentioned);
  },
};
