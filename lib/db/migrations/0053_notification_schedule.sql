-- When a pending lead notification is next due, so a sweep can re-enqueue one whose queue job
-- was lost (an instance stopped between two attempts).
alter table notifications add column next_attempt_at timestamptz;
