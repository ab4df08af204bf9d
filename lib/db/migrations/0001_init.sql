-- System of record. Runs on PostgreSQL 15+ and PGlite; gen_random_uuid() and sha256() are
-- built in on both.

create table tenants (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  plan text not null default 'free',
  created_at timestamptz not null default now()
);

create table users (
  id uuid primary key default gen_random_uuid(),
  email text not null check (position('@' in email) > 1),
  name text,
  created_at timestamptz not null default now(),
  last_sign_in_at timestamptz
);
create unique index users_email_lower_key on users (lower(email));

create table memberships (
  tenant_id uuid not null references tenants (id) on delete cascade,
  user_id uuid not null references users (id) on delete cascade,
  role text not null default 'member' check (role in ('owner', 'admin', 'member')),
  created_at timestamptz not null default now(),
  primary key (tenant_id, user_id)
);
create index memberships_user_id_idx on memberships (user_id);

create table leads (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid references tenants (id) on delete set null,
  idempotency_key text not null unique,
  name text not null,
  email text not null,
  company text,
  message text,
  source text,
  status text not null default 'new'
    check (status in ('new', 'contacted', 'qualified', 'won', 'lost', 'spam')),
  consent boolean not null default false,
  trace_id text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index leads_created_at_idx on leads (created_at desc);

create table agent_runs (
  id text primary key,
  tenant_id uuid references tenants (id) on delete set null,
  user_id uuid references users (id) on delete set null,
  agent text not null,
  provider text not null,
  model text,
  input jsonb not null default '{}',
  output text,
  status text not null default 'queued'
    check (status in ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  error text,
  tokens_in integer not null default 0 check (tokens_in >= 0),
  tokens_out integer not null default 0 check (tokens_out >= 0),
  cost_usd numeric(12, 6) not null default 0 check (cost_usd >= 0),
  trace_id text,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz
);
create index agent_runs_tenant_created_idx on agent_runs (tenant_id, created_at desc);
create index agent_runs_active_idx on agent_runs (status) where status in ('queued', 'running');

create table usage (
  tenant_id uuid not null references tenants (id) on delete cascade,
  day date not null,
  requests integer not null default 0,
  tokens_in bigint not null default 0,
  tokens_out bigint not null default 0,
  cost_usd numeric(12, 6) not null default 0,
  primary key (tenant_id, day)
);

create table notifications (
  id uuid primary key default gen_random_uuid(),
  lead_id uuid references leads (id) on delete cascade,
  channel text not null,
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  attempts integer not null default 0,
  last_error text,
  created_at timestamptz not null default now(),
  delivered_at timestamptz
);
create index notifications_pending_idx on notifications (created_at) where status = 'pending';

create table data_exports (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid references tenants (id) on delete cascade,
  user_id uuid references users (id) on delete set null,
  kind text not null,
  created_at timestamptz not null default now()
);

-- Append-only audit trail. No foreign keys: entries outlive what they describe. Each row's
-- hash covers its content and the previous row's hash, so an edit or a gap is detectable.
create table audit_log (
  id bigserial primary key,
  at timestamptz not null default now(),
  actor_id text,
  tenant_id uuid,
  action text not null,
  target text,
  request_id text,
  diff jsonb,
  prev_hash text,
  hash text not null
);
create index audit_log_tenant_at_idx on audit_log (tenant_id, at desc);

create function audit_log_chain() returns trigger language plpgsql as $$
begin
  -- Serialize writers so two concurrent inserts cannot both chain onto the same row.
  perform pg_advisory_xact_lock(hashtext(tg_table_schema || '.audit_log'));
  select hash into new.prev_hash from audit_log order by id desc limit 1;
  new.hash := encode(sha256(convert_to(concat_ws('|',
    coalesce(new.prev_hash, ''), new.id::text,
    to_char(new.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    coalesce(new.actor_id, ''), coalesce(new.tenant_id::text, ''), new.action,
    coalesce(new.target, ''), coalesce(new.request_id, ''), coalesce(new.diff::text, '')
  ), 'UTF8')), 'hex');
  return new;
end
$$;

create trigger audit_log_chain before insert on audit_log
  for each row execute function audit_log_chain();

create function audit_log_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only: % refused', tg_op using errcode = '42501';
end
$$;

create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function audit_log_refuse_change();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_refuse_change();
