-- An audit event drained twice (two instances, or the queue and the sweep at once) is appended
-- once: the chain trigger skips an event id that is already in the log, before it touches the
-- head, so a skipped insert cannot leave the head pointing at a row that does not exist.
create or replace function audit_log_chain() returns trigger language plpgsql as $$
declare
  head audit_log_head%rowtype;
begin
  perform pg_advisory_xact_lock(hashtext(tg_table_schema || '.audit_log'));
  if new.event_id is not null
    and exists (select 1 from audit_log where event_id = new.event_id) then
    return null;
  end if;
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
