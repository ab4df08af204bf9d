/**
 * A deterministic token estimate for text the offline engine reads and writes, and for quota
 * checks before a run: about four characters per token, the rule of thumb for English text
 * with OpenAI tokenizers. Real providers report their own counts, which replace it.
 */
export function estimateTokens(text: string): number {
  if (!text) return 0;
  const words = text.trim().split(/\s+/).filter(Boolean).length;
  return Math.max(words, Math.ceil(text.length / 4));
}

/** Most output tokens one model call may produce (`max_tokens`; what a run reserves for it). */
export const MAX_OUTPUT_TOKENS_PER_CALL = 800;
