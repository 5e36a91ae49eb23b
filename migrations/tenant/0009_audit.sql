-- The audit trail: every change of a domain row appends one entry to a hash chain. Each entry's
-- hash is SHA-256(previous hash || its canonical text), so editing or deleting any entry breaks the
-- chain from there on (`fieldopsctl audit verify <tenant>` walks it). Who, from where and for
-- which request come from transaction-local settings the API and the workers set:
-- fieldops.actor, fieldops.request_id, fieldops.latitude, fieldops.longitude.
CREATE TABLE audit_log (
    seq          bigint PRIMARY KEY,
    occurred_at  timestamptz NOT NULL,
    actor        text        NOT NULL,
    action       text        NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    entity       text        NOT NULL,
    entity_id    text        NOT NULL,
    before       jsonb,
    after        jsonb,
    latitude     double precision,
    longitude    double precision,
    request_id   text,
    prev_hash    bytea       NOT NULL,
    hash         bytea       NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, seq);
CREATE INDEX audit_log_occurred ON audit_log (occurred_at);

-- The head of the chain; its row lock orders concurrent writers, and it records the last entry so a
-- truncated tail is detected too.
CREATE TABLE audit_chain (
    singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    head_seq   bigint  NOT NULL,
    head_hash  bytea   NOT NULL
);
INSERT INTO audit_chain VALUES (true, 0, decode(repeat('00', 32), 'hex'));

-- The exact text hashed for an entry; the verifier rebuilds it field by field.
CREATE FUNCTION audit_canonical_text(entry audit_log) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT concat_ws('|', entry.seq::text,
        to_char(entry.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        entry.actor, entry.action, entry.entity, entry.entity_id,
        coalesce(entry.before::text, ''), coalesce(entry.after::text, ''),
        coalesce(entry.latitude::text, ''), coalesce(entry.longitude::text, ''), coalesce(entry.request_id, ''))
$$;

-- Secrets and bulky images never enter the trail; that they changed does.
CREATE FUNCTION audit_redact(row_values jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
    SELECT row_values || coalesce((
        SELECT jsonb_object_agg(key, '"redacted"'::jsonb)
        FROM jsonb_object_keys(row_values) AS key
        WHERE key IN ('password_hash', 'invite_token_hash', 'reset_token_hash', 'image_png')
    ), '{}'::jsonb)
$$;

CREATE FUNCTION audit_row_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    old_values jsonb := CASE WHEN TG_OP <> 'INSERT' THEN audit_redact(to_jsonb(OLD)) END;
    new_values jsonb := CASE WHEN TG_OP <> 'DELETE' THEN audit_redact(to_jsonb(NEW)) END;
    any_values jsonb := coalesce(new_values, old_values);
    head audit_chain;
    entry audit_log;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        SELECT jsonb_object_agg(key, old_values -> key), jsonb_object_agg(key, new_values -> key)
        INTO old_values, new_values
        FROM jsonb_object_keys(new_values) AS key
        WHERE key NOT IN ('version', 'updated_at') AND old_values -> key IS DISTINCT FROM new_values -> key;
        IF old_values IS NULL THEN
            RETURN NULL;  -- only bookkeeping columns changed
        END IF;
    END IF;
    SELECT * INTO head FROM audit_chain FOR UPDATE;
    entry.seq := head.head_seq + 1;
    entry.occurred_at := clock_timestamp();
    entry.actor := coalesce(nullif(current_setting('fieldops.actor', true), ''), 'system');
    entry.action := lower(TG_OP);
    entry.entity := TG_TABLE_NAME;
    entry.entity_id := coalesce(any_values ->> 'id', any_values ->> 'reference', (any_values ->> 'intervention_id') || '/' || (any_values ->> 'position'), '');
    entry.before := old_values;
    entry.after := new_values;
    entry.latitude := nullif(current_setting('fieldops.latitude', true), '')::double precision;
    entry.longitude := nullif(current_setting('fieldops.longitude', true), '')::double precision;
    entry.request_id := nullif(current_setting('fieldops.request_id', true), '');
    entry.prev_hash := head.head_hash;
    entry.hash := sha256(head.head_hash || convert_to(audit_canonical_text(entry), 'UTF8'));
    INSERT INTO audit_log SELECT entry.*;
    UPDATE audit_chain SET head_seq = entry.seq, head_hash = entry.hash;
    RETURN NULL;
END
$$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

DO $$
DECLARE
    audited text;
BEGIN
    FOREACH audited IN ARRAY ARRAY[
        'users', 'sites', 'site_phases', 'milestones', 'site_documents', 'site_document_revisions',
        'teams', 'technicians', 'technician_skills', 'shifts', 'absences',
        'depots', 'vehicles', 'equipment', 'equipment_reservations', 'maintenance_logs', 'materials',
        'stock_levels', 'purchase_orders', 'interventions', 'intervention_checklist_items',
        'material_consumptions', 'incidents', 'time_clock_entries', 'signatures'
    ] LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION audit_row_change()',
                       audited || '_audit', audited);
    END LOOP;
END
$$;
