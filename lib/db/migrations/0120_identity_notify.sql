-- Issue 18: the signed-in identity (user, memberships, workspaces) is cached per instance; any
-- change to users, memberships or tenants, by the app or by hand, tells every instance to drop
-- its copies (NOTIFY relay_identity, delivered on commit).

create function relay_identity_changed() returns trigger language plpgsql as $$
begin
  perform pg_notify('relay_identity', '');
  return null;
end
$$;

create trigger users_identity_changed after insert or update or delete or truncate on users
  for each statement execute function relay_identity_changed();
create trigger memberships_identity_changed after insert or update or delete or truncate
  on memberships for each statement execute function relay_identity_changed();
create trigger tenants_identity_changed after insert or update or delete or truncate on tenants
  for each statement execute function relay_identity_changed();
