-- Sites (chantiers), their phases, milestones and versioned documents.
-- A geofence is `{"radius_m": 150}` around the site's point or `{"polygon": [[lat, lon], …]}`;
-- the API validates its geometry, the database only its shape.
CREATE TABLE sites (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    code          text        NOT NULL UNIQUE,
    name          text        NOT NULL,
    site_type     text        NOT NULL,
    client_name   text        NOT NULL,
    address       text        NOT NULL DEFAULT '',
    latitude      double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude     double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    geofence      jsonb       NOT NULL DEFAULT '{"radius_m": 150}'
                  CHECK (geofence ? 'radius_m' OR geofence ? 'polygon'),
    budget        numeric(14, 2) NOT NULL DEFAULT 0 CHECK (budget >= 0),
    starts_on     date,
    ends_on       date,
    status        text        NOT NULL DEFAULT 'planned'
                  CHECK (status IN ('planned', 'active', 'suspended', 'completed', 'cancelled')),
    time_zone     text        NOT NULL DEFAULT 'Europe/Paris',
    version       integer     NOT NULL DEFAULT 1,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on)
);
CREATE INDEX sites_status ON sites (status);

CREATE TABLE site_phases (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    site_id        uuid        NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    name           text        NOT NULL,
    position       integer     NOT NULL DEFAULT 0,
    planned_start  date,
    planned_end    date,
    actual_start   date,
    actual_end     date,
    progress       integer     NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    budget         numeric(14, 2) NOT NULL DEFAULT 0 CHECK (budget >= 0),
    version        integer     NOT NULL DEFAULT 1,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CHECK (planned_end IS NULL OR planned_start IS NULL OR planned_end >= planned_start),
    CHECK (actual_end IS NULL OR actual_start IS NULL OR actual_end >= actual_start)
);
CREATE INDEX site_phases_site ON site_phases (site_id, position);

CREATE TABLE milestones (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    site_id      uuid        NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    phase_id     uuid        REFERENCES site_phases (id) ON DELETE SET NULL,
    name         text        NOT NULL,
    due_on       date        NOT NULL,
    achieved_on  date,
    version      integer     NOT NULL DEFAULT 1,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX milestones_site ON milestones (site_id, due_on);

CREATE TABLE site_documents (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    site_id     uuid        NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    title       text        NOT NULL,
    kind        text        NOT NULL CHECK (kind IN ('plan', 'permit', 'contract', 'safety', 'other')),
    version     integer     NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Each upload is a new revision; the blob itself lives in the blob store under `blob_key`.
CREATE TABLE site_document_revisions (
    document_id   uuid        NOT NULL REFERENCES site_documents (id) ON DELETE CASCADE,
    revision      integer     NOT NULL,
    blob_key      text        NOT NULL,
    sha256        bytea       NOT NULL,
    content_type  text        NOT NULL,
    size_bytes    bigint      NOT NULL CHECK (size_bytes >= 0),
    uploaded_by   uuid,
    uploaded_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (document_id, revision)
);

CREATE TRIGGER sites_touch BEFORE UPDATE ON sites FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER site_phases_touch BEFORE UPDATE ON site_phases FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER milestones_touch BEFORE UPDATE ON milestones FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER site_documents_touch BEFORE UPDATE ON site_documents FOR EACH ROW EXECUTE FUNCTION touch_row();
