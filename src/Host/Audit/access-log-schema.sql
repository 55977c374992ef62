-- The NEN 7513 access log: append-only, kept at least five years (docs/adr/0007).
-- Idempotent: the host runs it on every start when it owns the table; in production a separate
-- owner role runs it once (psql -f) and grants the application role only what the ADR lists.

create schema if not exists audit;

create table if not exists audit.access_log (
    id                    bigint generated always as identity primary key,
    occurred_at           timestamptz not null,
    action                text not null,
    patient_ref           text not null,
    resource              text not null,
    resource_id           text,
    outcome               text not null,
    user_id               text not null,
    user_name             text not null,
    responsible_user_id   text,
    responsible_user_name text,
    organisation_id       uuid,
    organisation_name     text,
    client_id             text,
    ip_address            inet,
    user_agent            text,
    access_point          text
);

comment on table audit.access_log is
    'NEN 7513 access log of Schakel: who did what with which patient''s data, when and from where. Append-only.';

create index if not exists access_log_patient_ref_idx on audit.access_log (patient_ref, occurred_at desc);
create index if not exists access_log_user_id_idx on audit.access_log (user_id, occurred_at desc);
create index if not exists access_log_occurred_at_idx on audit.access_log (occurred_at);

create or replace function audit.refuse_access_log_change() returns trigger
    language plpgsql
    set search_path = pg_catalog
as $$
begin
    raise exception 'audit.access_log is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
end;
$$;

create or replace function audit.refuse_early_access_log_delete() returns trigger
    language plpgsql
    set search_path = pg_catalog
as $$
begin
    -- The hard floor, whatever the application's retention setting says.
    if old.occurred_at > now() - interval '5 years' then
        raise exception 'audit.access_log keeps entries for at least 5 years: entry % is younger', old.id
            using errcode = 'insufficient_privilege';
    end if;
    return old;
end;
$$;

create or replace trigger access_log_no_update
    before update on audit.access_log
    for each statement execute function audit.refuse_access_log_change();

create or replace trigger access_log_no_truncate
    before truncate on audit.access_log
    for each statement execute function audit.refuse_access_log_change();

create or replace trigger access_log_no_early_delete
    before delete on audit.access_log
    for each row execute function audit.refuse_early_access_log_delete();

-- Nobody else, and not even the owner through its own privileges, may change or empty the log.
-- DELETE stays with the owner for the retention purge; the trigger above limits it.
revoke all on audit.access_log from public;
revoke update, truncate on audit.access_log from current_user;
