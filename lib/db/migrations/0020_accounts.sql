-- Accounts: OAuth/OIDC identities linked to users, workspace API tokens (hashed), and
-- invitations into a workspace (hashed single-use links). Workspaces are `tenants`.

create table user_identities (
  provider text not null,
  subject text not null,
  user_id uuid not null references users (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (provider, subject)
);
create index user_identities_user_id_idx on user_identities (user_id);

create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id) on delete cascade,
  created_by uuid not null references users (id) on delete cascade,
  name text not null check (length(name) between 1 and 100),
  token_hash text not null unique,
  prefix text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index api_tokens_tenant_created_idx on api_tokens (tenant_id, created_at desc);

create table invitations (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id) on delete cascade,
  email text not null check (position('@' in email) > 1),
  role text not null check (role in ('owner', 'admin', 'member')),
  invited_by uuid references users (id) on delete set null,
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  accepted_at timestamptz,
  revoked_at timestamptz
);
create index invitations_tenant_created_idx on invitations (tenant_id, created_at desc);
