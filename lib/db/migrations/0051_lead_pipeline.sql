-- Lead pipeline: how a lead proved it came from a person, and one notification per lead and
-- channel (so re-draining an outbox entry never notifies twice).
alter table leads add column verification text not null default 'none'
  check (verification in ('none', 'altcha', 'hcaptcha'));
create unique index notifications_lead_channel_key on notifications (lead_id, channel);
create index leads_email_lower_idx on leads (lower(email));
