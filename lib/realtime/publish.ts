import type { Services } from "../services.ts";
import { appendEvent, type LoggedEvent } from "./event_log.ts";

/** Appends an event to a KV log and wakes its followers on every instance. */
export async function publish<T>(
  services: Pick<Services, "kv" | "hub">,
  prefix: Deno.KvKey,
  type: string,
  data: T,
  options?: { expireIn?: number; headExpireIn?: number },
): Promise<LoggedEvent<T>> {
  const event = await appendEvent(services.kv, prefix, type, data, options);
  services.hub.announce(prefix);
  return event;
}
