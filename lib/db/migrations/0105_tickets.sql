-- Support tickets (issue 15): a workspace's signing key and triage choices, the tickets sent to
-- its signed webhook with what the support-triage agent found, operators' category
-- corrections, and the deliveries (urgent alerts, automatic replies) each with its attempts.

create table ticket_settings (
  tenant_id uuid primary key references tenants (id) on delete cascade,
  -- AES-GCM ciphertext of the signing key (the key is shown once; WEBHOOK_SECRETS encrypt it)
  key_sealed text,
  key_prefix text,
  key_created_at timestamptz,
  auto_answer text[] not null default '{}',
  -- AES-GCM ciphertext of the Slack-compatible alert webhook URL (it carries a token)
  alert_url_sealed text,
  alert_host text,
  updated_at timestamptz not null default now()
);

create table tickets (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id) on delete cascade,
  external_id text check (length(external_id) <= 200),
  customer_name text,
  customer_email text,
  subject text,
  body text not null,
  reply_url text,
  status text not null default 'queued' check (status in ('queued', 'triaged', 'failed')),
  category text,
  priority text check (priority in ('urgent', 'high', 'normal', 'low')),
  sentiment text check (sentiment in ('negative', 'neutral', 'positive')),
  evidence jsonb not null default '[]',
  docs jsonb not null default '[]',
  draft_reply text,
  provider text,
  model text,
  tokens_in integer not null default 0,
  tokens_out integer not null default 0,
  error text,
  auto_answered boolean not null default false,
  corrected_category text,
  corrected_by uuid references users (id) on delete set null,
  corrected_at timestamptz,
  created_at timestamptz not null default now(),
  triaged_at timestamptz
);
create index tickets_tenant_created_idx on tickets (tenant_id, created_at desc);
create unique index tickets_tenant_external_idx on tickets (tenant_id, external_id)
  where external_id is not null;

create table ticket_deliveries (
  id uuid primary key default gen_random_uuid(),
  ticket_id uuid not null references tickets (id) on delete cascade,
  kind text not null check (kind in ('alert', 'reply')),
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  attempts integer not null default 0,
  last_error text,
  created_at timestamptz not null default now(),
  delivered_at timestamptz,
  unique (ticket_id, kind)
);
create index ticket_deliveries_pending_idx on ticket_deliveries (created_at)
  where status = 'pending';

-- Questions the docs assistant answered "the docs do not cover this", by normalized text.
create table docs_unanswered (
  tenant_id uuid references tenants (id) on delete cascade,
  question text not null check (length(question) between 1 and 500),
  asked integer not null default 1 check (asked > 0),
  first_asked_at timestamptz not null default now(),
  last_asked_at timestamptz not null default now(),
  unique nulls not distinct (tenant_id, question)
);
create index docs_unanswered_tenant_idx on docs_unanswered (tenant_id, asked desc);
