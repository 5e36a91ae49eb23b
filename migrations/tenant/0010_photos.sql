-- Photo evidence: each upload of an intervention, its blobs (the original and what the photo worker
-- derived from it) with their SHA-256, and what the evidence is worth: declared vs EXIF capture time,
-- where it was taken and how far from the site's geofence. The gateway inserts the row (queued);
-- the photo worker completes it (processed) or records why it could not (failed).
CREATE TABLE photos (
    id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    intervention_id        uuid        NOT NULL REFERENCES interventions (id) ON DELETE RESTRICT,
    uploaded_by            text        NOT NULL,
    content_type           text        NOT NULL,
    size_bytes             bigint      NOT NULL CHECK (size_bytes > 0),
    original_key           text        NOT NULL,
    original_sha256        text        NOT NULL CHECK (original_sha256 ~ '^[0-9a-f]{64}$'),
    watermarked_key        text,
    watermarked_sha256     text        CHECK (watermarked_sha256 ~ '^[0-9a-f]{64}$'),
    preview_key            text,
    preview_sha256         text        CHECK (preview_sha256 ~ '^[0-9a-f]{64}$'),
    thumbnail_key          text,
    thumbnail_sha256       text        CHECK (thumbnail_sha256 ~ '^[0-9a-f]{64}$'),
    width                  integer     CHECK (width > 0),
    height                 integer     CHECK (height > 0),
    declared_capture_at    timestamptz,
    exif_capture_at        timestamptz,
    capture_time_mismatch  boolean,
    latitude               double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude              double precision CHECK (longitude BETWEEN -180 AND 180),
    accuracy_m             double precision CHECK (accuracy_m >= 0),
    distance_m             double precision CHECK (distance_m >= 0),
    outside_geofence       boolean,
    note                   text        NOT NULL DEFAULT '',
    status                 text        NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'processed', 'failed')),
    failure_reason         text,
    job_id                 uuid,
    processed_at           timestamptz,
    version                integer     NOT NULL DEFAULT 1,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    CHECK ((latitude IS NULL) = (longitude IS NULL)),
    CHECK (status <> 'processed' OR (watermarked_sha256 IS NOT NULL AND width IS NOT NULL)),
    CHECK (status <> 'failed' OR failure_reason IS NOT NULL)
);
CREATE INDEX photos_intervention ON photos (intervention_id, created_at);

CREATE TRIGGER photos_touch BEFORE UPDATE ON photos FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER photos_audit AFTER INSERT OR UPDATE OR DELETE ON photos FOR EACH ROW EXECUTE FUNCTION audit_row_change();
