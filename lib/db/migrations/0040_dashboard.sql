-- Dashboard: operators' notes on leads, and each workspace's retention choices (days kept;
-- null = the deployment default from the RETENTION_* settings).

create table lead_notes (
  id uuid primary key default gen_random_uuid(),
  lead_id uuid not null references leads (id) on delete cascade,
  tenant_id uuid not null references tenants (id) on delete cascade,
  author_id uuid references users (id) on delete set null,
  body text not null check (length(body) between 1 and 5000),
  created_at timestamptz not null default now()
);
create index lead_notes_lead_created_idx on lead_notes (lead_id, created_at);

create table workspace_settings (
  tenant_id uuid primary key references tenants (id) on delete cascade,
  retention_demo_events_days integer check (retention_demo_events_days between 1 and 3650),
  retention_runs_days integer check (retention_runs_days between 1 and 3650),
  retention_leads_days integer check (retention_leads_days between 1 and 3650),
  updated_at timestamptz not null default now()
);

create index leads_tenant_created_idx on leads (tenant_id, created_at desc, id desc);
