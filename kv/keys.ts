/**
 * The KV key schema: every key the app writes, built by one function per prefix. Keys are
 * arrays with a snake_case plural prefix and hold ids, not copies of records. TTLs are set
 * with `expireIn` by the writer (and swept by a cron for what TTL misses).
 */

/** `["sessions", id]`: a signed-in session. */
export const sessionKey = (id: string): Deno.KvKey => ["sessions", id];

/** `["oauth_states", id]`: OAuth state + PKCE verifier (10 min). */
export const oauthStateKey = (id: string): Deno.KvKey => ["oauth_states", id];

/** `["magic_links", hash]`: the hash of an emailed sign-in token (15 min). */
export const magicLinkKey = (hash: string): Deno.KvKey => ["magic_links", hash];

/** `["rate_limits", rule, subject, window]`: a counter (`sum`) per rule, subject and window. */
export const rateLimitKey = (rule: string, subject: string, window: number): Deno.KvKey => [
  "rate_limits",
  rule,
  subject,
  window,
];

/** `["quotas", tenant, metric, period]`: usage counted against a plan (e.g. tokens per month). */
export const quotaKey = (tenant: string, metric: string, period: string): Deno.KvKey => [
  "quotas",
  tenant,
  metric,
  period,
];

/** `["demo_events", ulid]`: one tracked demo event (retention TTL); prefix = the live feed. */
export const demoEventKey = (ulid: string): Deno.KvKey => ["demo_events", ulid];

/** `["demo_events_ws", workspaceId]`: prefix of one workspace's demo feed (seq-keyed, retention TTL). */
export const workspaceDemoEventsPrefix = (workspaceId: string): Deno.KvKey => [
  "demo_events_ws",
  workspaceId,
];

/** `["demo_counts", scope, day, type]`: daily count (`sum`) of demo events per workspace or "public". */
export const demoCountKey = (scope: string, day: string, type: string): Deno.KvKey => [
  "demo_counts",
  scope,
  day,
  type,
];

/** `["run_events", runId, seq]`: one streamed chunk or tool call of an agent run. */
export const runEventKey = (runId: string, seq: number): Deno.KvKey => ["run_events", runId, seq];

/** `["run_events", runId]`: prefix listing a run's events in order. */
export const runEventsPrefix = (runId: string): Deno.KvKey => ["run_events", runId];

/** `["runs", runId]`: the hot record of an agent run (status, lease, owner, usage). */
export const runKey = (runId: string): Deno.KvKey => ["runs", runId];

/** `["active_runs", runId]`: present while a run is queued or running (the sweeper's index). */
export const activeRunKey = (runId: string): Deno.KvKey => ["active_runs", runId];

/** `["run_dead_letters", runId]`: a run that failed every attempt, for operators. */
export const runDeadLetterKey = (runId: string): Deno.KvKey => ["run_dead_letters", runId];

/** `["circuit_breakers", name]`: failure count and open-until time of a provider breaker. */
export const circuitBreakerKey = (name: string): Deno.KvKey => ["circuit_breakers", name];

/** `["idempotency", key]`: the result of a request made with an idempotency key. */
export const idempotencyKey = (key: string): Deno.KvKey => ["idempotency", key];

/** `["queue_pending", jobId]`: a queued job not yet handled (queue depth and age metrics, 7 days). */
export const queuePendingKey = (jobId: string): Deno.KvKey => ["queue_pending", jobId];
/** A readiness ping job's proof of handling (60 s). */
export const jobPingKey = (nonce: string): Deno.KvKey => ["jobs_pings", nonce];
/** A job committed in KV and waiting to be handed to the PostgreSQL jobs backend. */
export const jobHandoffKey = (jobId: string): Deno.KvKey => ["job_handoffs", jobId];
/** The claim of one schedule tick on the KV jobs backend (fires once across processes). */
export const scheduleTickKey = (name: string, tick: number): Deno.KvKey => [
  "schedule_ticks",
  name,
  tick,
];

/** `["outbox", ulid]`: a write waiting to be drained into Postgres. */
export const outboxKey = (ulid: string): Deno.KvKey => ["outbox", ulid];

/** `["user_sessions", userId, sessionId]`: index of a user's sessions (sign out everywhere). */
export const userSessionKey = (userId: string, sessionId: string): Deno.KvKey => [
  "user_sessions",
  userId,
  sessionId,
];

/** `["user_sessions", userId]`: prefix listing one user's sessions. */
export const userSessionsPrefix = (userId: string): Deno.KvKey => ["user_sessions", userId];

/** `["dev_outbox", id]`: an e-mail kept instead of sent (development and test only, 1 day). */
export const devOutboxKey = (id: string): Deno.KvKey => ["dev_outbox", id];

/** `["captcha_passes", sha256(response)]`: a captcha answer already used, and by which submission. */
export const captchaPassKey = (hash: string): Deno.KvKey => ["captcha_passes", hash];

/** `["notify_dead_letters", notificationId]`: a lead notification that failed every attempt. */
export const notifyDeadLetterKey = (id: string): Deno.KvKey => ["notify_dead_letters", id];

/** `["ticket_signatures", tenantId, mac]`: a signed ticket delivery already received (10 min). */
export const ticketReplayKey = (tenantId: string, mac: string): Deno.KvKey => [
  "ticket_signatures",
  tenantId,
  mac,
];

/**
 * `["dead_letters", source, id]`: a write Postgres refused for good (an outbox entry, a finished
 * run), with the reason, for operators (the dashboard's System page).
 */
export const deadLetterKey = (source: string, id: string): Deno.KvKey => [
  "dead_letters",
  source,
  id,
];

/** Prefixes for `kv.list({ prefix })` over whole collections. */
export const prefixes = {
  sessions: ["sessions"],
  oauthStates: ["oauth_states"],
  magicLinks: ["magic_links"],
  rateLimits: ["rate_limits"],
  quotas: ["quotas"],
  demoEvents: ["demo_events"],
  workspaceDemoEvents: ["demo_events_ws"],
  demoCounts: ["demo_counts"],
  runEvents: ["run_events"],
  idempotency: ["idempotency"],
  runs: ["runs"],
  activeRuns: ["active_runs"],
  runDeadLetters: ["run_dead_letters"],
  outbox: ["outbox"],
  queuePending: ["queue_pending"],
  jobHandoffs: ["job_handoffs"],
  userSessions: ["user_sessions"],
  devOutbox: ["dev_outbox"],
  notifyDeadLetters: ["notify_dead_letters"],
  deadLetters: ["dead_letters"],
} as const satisfies Record<string, Deno.KvKey>;

/** `["audit_heads", schema]`: the newest sealed audit row of a database schema (its anchor). */
export const auditHeadKey = (schema: string): Deno.KvKey => ["audit_heads", schema];
