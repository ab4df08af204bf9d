-- Agent runs: attempts, time to first token, and the anonymous visitor a demo run belongs to
-- (a SHA-256 hash of the visitor cookie's random id, never the id itself).
alter table agent_runs add column attempts integer not null default 0 check (attempts >= 0);
alter table agent_runs add column first_token_at timestamptz;
alter table agent_runs add column visitor_hash text;
