-- Lead qualification: each lead's company website (optional, from the form), the state of its
-- qualification job (null: never queued, e.g. a held lead or one older than this feature), the
-- fit score with its verdict, reasons and firmographics once qualified, or why it failed. A
-- workspace's fit threshold routes leads to Slack and the CRM webhook (null: every lead).
alter table leads add column website text;
alter table leads add column qualification_status text
  check (qualification_status in ('pending', 'running', 'qualified', 'failed'));
alter table leads add column qualification_attempts integer not null default 0;
alter table leads add column qualification_started_at timestamptz;
alter table leads add column qualified_at timestamptz;
alter table leads add column qualification_error text;
alter table leads add column fit_score integer check (fit_score between 0 and 100);
alter table leads add column fit_verdict text;
alter table leads add column fit_reasons jsonb not null default '[]';
alter table leads add column firmographics jsonb;
create index leads_fit_idx on leads (tenant_id, fit_score desc nulls last, created_at desc, id desc);
create index leads_qualification_open_idx on leads (created_at)
  where qualification_status in ('pending', 'running');
alter table workspace_settings add column lead_fit_threshold integer
  check (lead_fit_threshold between 0 and 100);
