-- Proof of presence and of acceptance: clock-ins with where they were made, and signatures that
-- can never change once given.
CREATE TABLE time_clock_entries (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    technician_id     uuid        NOT NULL REFERENCES technicians (id) ON DELETE CASCADE,
    site_id           uuid        NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    kind              text        NOT NULL CHECK (kind IN ('in', 'out', 'break_start', 'break_end')),
    at                timestamptz NOT NULL DEFAULT now(),
    latitude          double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude         double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    accuracy_m        double precision NOT NULL CHECK (accuracy_m >= 0),
    distance_m        double precision NOT NULL,
    outside_geofence  boolean     NOT NULL,
    recorded_by       uuid,
    created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX time_clock_technician ON time_clock_entries (technician_id, at);

CREATE TABLE signatures (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    intervention_id  uuid        NOT NULL REFERENCES interventions (id) ON DELETE RESTRICT,
    signer_name      text        NOT NULL,
    signer_role      text        NOT NULL CHECK (signer_role IN ('client', 'technician')),
    signed_at        timestamptz NOT NULL DEFAULT now(),
    latitude         double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude        double precision CHECK (longitude BETWEEN -180 AND 180),
    strokes          jsonb,
    image_png        bytea,
    summary_sha256   bytea       NOT NULL CHECK (length(summary_sha256) = 32),
    recorded_by      uuid,
    CHECK (strokes IS NOT NULL OR image_png IS NOT NULL)
);
CREATE INDEX signatures_intervention ON signatures (intervention_id);

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are immutable', TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
END
$$;
CREATE TRIGGER signatures_immutable BEFORE UPDATE OR DELETE ON signatures
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER time_clock_immutable BEFORE UPDATE OR DELETE ON time_clock_entries
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
