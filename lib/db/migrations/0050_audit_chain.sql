-- Audit trail, part 2: idempotent appends from the KV outbox, a head row so a truncated tail
-- is detectable, ids handed out under the chain lock (id order = chain order even with
-- concurrent writers), and the one privileged way to remove old periods.

alter table audit_log add column event_id text;
create unique index audit_log_event_id_key on audit_log (event_id);

-- The chain's newest hash, kept even when every row before it has been purged.
create table audit_log_head (
  singleton boolean primary key default true check (singleton),
  last_id bigint not null,
  hash text not null
);

-- The hash of one row: its content and the previous row's hash.
create function audit_log_row_hash(
  prev_hash text, id bigint, at timestamptz, actor_id text, tenant_id uuid, action text,
  target text, request_id text, diff jsonb
) returns text language sql immutable as $$
  select encode(sha256(convert_to(concat_ws('|',
    coalesce(prev_hash, ''), id::text,
    to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    coalesce(actor_id, ''), coalesce(tenant_id::text, ''), action,
    coalesce(target, ''), coalesce(request_id, ''), coalesce(diff::text, '')
  ), 'UTF8')), 'hex')
$$;

alter table audit_log alter column id drop default;

create or replace function audit_log_chain() returns trigger language plpgsql as $$
declare
  head audit_log_head%rowtype;
begin
  -- Serialize appends (across instances too); the id is taken under the lock so that id order
  -- is the order rows joined the chain.
  perform pg_advisory_xact_lock(hashtext(tg_table_schema || '.audit_log'));
  new.id := nextval(pg_get_serial_sequence(quote_ident(tg_table_schema) || '.audit_log', 'id'));
  select * into head from audit_log_head;
  if found then
    new.prev_hash := head.hash;
  else
    select hash into new.prev_hash from audit_log order by id desc limit 1;
  end if;
  new.hash := audit_log_row_hash(new.prev_hash, new.id, new.at, new.actor_id, new.tenant_id,
    new.action, new.target, new.request_id, new.diff);
  insert into audit_log_head (last_id, hash) values (new.id, new.hash)
    on conflict (singleton) do update set last_id = excluded.last_id, hash = excluded.hash;
  return new;
end
$$;

-- Only audit_log_purge may delete, and only whole periods from the start of the chain.
create or replace function audit_log_refuse_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' and current_setting('audit.purging', true) = 'on' then
    return old;
  end if;
  raise exception 'audit_log is append-only: % refused', tg_op using errcode = '42501';
end
$$;

-- Removes every row before the first one at or after `before` (the start of a UTC month) and
-- appends an 'audit.checkpoint' row holding the last removed id and hash, so the remaining
-- chain still verifies. Returns the number of rows removed. Grant EXECUTE only to operators.
create function audit_log_purge(before timestamptz) returns bigint
language plpgsql security definer set search_path from current as $$
declare
  boundary bigint;
  last_id bigint;
  last_hash text;
  removed bigint;
begin
  if before <> date_trunc('month', before at time zone 'UTC') at time zone 'UTC' then
    raise exception 'audit_log_purge removes whole months: % is not the start of a UTC month',
      before using errcode = '22023';
  end if;
  perform pg_advisory_xact_lock(hashtext(
    (select n.nspname from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.oid = 'audit_log'::regclass) || '.audit_log'));
  select min(id) into boundary from audit_log where at >= before;
  select id, hash into last_id, last_hash from audit_log
    where boundary is null or id < boundary order by id desc limit 1;
  if last_id is null then
    return 0;
  end if;
  perform set_config('audit.purging', 'on', true);
  delete from audit_log where id <= last_id;
  get diagnostics removed = row_count;
  perform set_config('audit.purging', 'off', true);
  insert into audit_log (action, target, diff) values ('audit.checkpoint', last_id::text,
    jsonb_build_object('throughId', last_id, 'lastRemovedHash', last_hash, 'removed', removed,
      'before', before));
  return removed;
end
$$;
revoke all on function audit_log_purge(timestamptz) from public;
