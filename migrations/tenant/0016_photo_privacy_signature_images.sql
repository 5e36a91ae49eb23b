-- The tenant's photo privacy choice, and the images of handwritten signatures stamped by the photo
-- worker.

-- One row per tenant database: whether the watermarked photo keeps the original's EXIF (camera,
-- GPS, capture time). Stripping is the default; the evidence record keeps GPS and the capture time
-- either way.
CREATE TABLE photo_settings (
    id          boolean     PRIMARY KEY DEFAULT true CHECK (id),
    keep_exif   boolean     NOT NULL DEFAULT false,
    version     integer     NOT NULL DEFAULT 1,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO photo_settings DEFAULT VALUES;
CREATE TRIGGER photo_settings_touch BEFORE UPDATE ON photo_settings FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER photo_settings_audit AFTER INSERT OR UPDATE OR DELETE ON photo_settings FOR EACH ROW EXECUTE FUNCTION audit_row_change();

-- At most one image per signature (a signature never changes): the original as uploaded and the
-- stamped JPEG the photo worker derives from it, each with its SHA-256. The gateway inserts the row
-- (queued); the photo worker completes it (processed) or records why it could not (failed).
CREATE TABLE signature_images (
    id               uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    signature_id     uuid        NOT NULL UNIQUE REFERENCES signatures (id) ON DELETE RESTRICT,
    uploaded_by      text        NOT NULL,
    content_type     text        NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg')),
    size_bytes       bigint      NOT NULL CHECK (size_bytes > 0),
    original_key     text        NOT NULL,
    original_sha256  text        NOT NULL CHECK (original_sha256 ~ '^[0-9a-f]{64}$'),
    stamped_key      text,
    stamped_sha256   text        CHECK (stamped_sha256 ~ '^[0-9a-f]{64}$'),
    width            integer     CHECK (width > 0),
    height           integer     CHECK (height > 0),
    status           text        NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'processed', 'failed')),
    failure_reason   text,
    job_id           uuid,
    processed_at     timestamptz,
    version          integer     NOT NULL DEFAULT 1,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CHECK (status <> 'processed' OR (stamped_sha256 IS NOT NULL AND width IS NOT NULL)),
    CHECK (status <> 'failed' OR failure_reason IS NOT NULL)
);

-- Once stamped (or failed), the image is as final as its signature; only a queued row may change
-- (its job id, its outcome) or go (its publish failed).
CREATE FUNCTION refuse_settled_signature_image_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status <> 'queued' THEN
        RAISE EXCEPTION 'signature image % is %: it can no longer change', OLD.signature_id, OLD.status
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;
CREATE TRIGGER signature_images_settled BEFORE UPDATE OR DELETE ON signature_images
    FOR EACH ROW EXECUTE FUNCTION refuse_settled_signature_image_change();
CREATE TRIGGER signature_images_touch BEFORE UPDATE ON signature_images FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER signature_images_audit AFTER INSERT OR UPDATE OR DELETE ON signature_images FOR EACH ROW EXECUTE FUNCTION audit_row_change();
