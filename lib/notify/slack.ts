/** Slack-compatible incoming webhooks (Slack, Mattermost, Rocket.Chat, Discord's /slack). */

/** Posts `text` to an incoming webhook; throws with the HTTP status when it is refused. */
export async function postToSlack(webhookUrl: string, text: string): Promise<void> {
  const res = await fetch(webhookUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ text }),
    signal: AbortSignal.timeout(10_000),
  });
  await res.body?.cancel();
  if (!res.ok) throw new Error(`webhook answered HTTP ${res.status}`);
}
