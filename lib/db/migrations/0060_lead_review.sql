-- Leads sent without a captcha (the form without JavaScript) are held: they notify no one and are
-- not counted until an operator accepts them on the dashboard (who and when is kept here and in
-- the audit log).
alter table leads add column held boolean not null default false;
alter table leads add column accepted_at timestamptz;
alter table leads add column accepted_by uuid references users (id) on delete set null;
