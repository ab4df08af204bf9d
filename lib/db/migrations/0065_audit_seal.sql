-- Audit trail, part 3: rows are sealed by the app with a keyed MAC (HMAC-SHA256 of the row's
-- chain hash under a key from AUDIT_KEYS, which never reaches the database), so whoever owns
-- the table cannot rewrite the chain and recompute it. `key_id` names the key that sealed the
-- row, so rows sealed before a key rotation still verify.

alter table audit_log add column mac text, add column key_id text;

-- Append-only, except that the app seals a row once (mac and key_id from empty to set, nothing
-- else changed) in the transaction that appended it; only audit_log_purge may delete.
create or replace function audit_log_refuse_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' and current_setting('audit.purging', true) = 'on' then
    return old;
  end if;
  if tg_op = 'UPDATE' then
    if old.mac is null and old.key_id is null and new.mac is not null and new.key_id is not null
      and (old.id, old.at, old.actor_id, old.tenant_id, old.action, old.target, old.request_id,
        old.diff, old.prev_hash, old.hash, old.event_id)
      is not distinct from (new.id, new.at, new.actor_id, new.tenant_id, new.action, new.target,
        new.request_id, new.diff, new.prev_hash, new.hash, new.event_id) then
      return new;
    end if;
  end if;
  raise exception 'audit_log is append-only: % refused', tg_op using errcode = '42501';
end
$$;
