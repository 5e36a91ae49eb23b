CREATE EXTENSION IF NOT EXISTS btree_gist;

-- People in the field: technicians (a technician may or may not log in), their skills with
-- certification expiry, teams, shifts and absences.
CREATE TABLE teams (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name        text        NOT NULL UNIQUE,
    version     integer     NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE technicians (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id         uuid        UNIQUE REFERENCES users (id) ON DELETE SET NULL,
    full_name       text        NOT NULL,
    phone           text,
    team_id         uuid        REFERENCES teams (id) ON DELETE SET NULL,
    home_latitude   double precision CHECK (home_latitude BETWEEN -90 AND 90),
    home_longitude  double precision CHECK (home_longitude BETWEEN -180 AND 180),
    hourly_rate     numeric(10, 2) NOT NULL DEFAULT 0 CHECK (hourly_rate >= 0),
    status          text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
    version         integer     NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK ((home_latitude IS NULL) = (home_longitude IS NULL))
);

CREATE TABLE technician_skills (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    technician_id    uuid        NOT NULL REFERENCES technicians (id) ON DELETE CASCADE,
    skill            text        NOT NULL REFERENCES skills (code),
    level            integer     NOT NULL DEFAULT 1 CHECK (level BETWEEN 1 AND 5),
    certified_until  date,
    version          integer     NOT NULL DEFAULT 1,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (technician_id, skill)
);

CREATE TABLE shifts (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    technician_id  uuid        NOT NULL REFERENCES technicians (id) ON DELETE CASCADE,
    starts_at      timestamptz NOT NULL,
    ends_at        timestamptz NOT NULL,
    version        integer     NOT NULL DEFAULT 1,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CHECK (ends_at > starts_at),
    EXCLUDE USING gist (technician_id WITH =, tstzrange(starts_at, ends_at) WITH &&)
);

CREATE TABLE absences (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    technician_id  uuid        NOT NULL REFERENCES technicians (id) ON DELETE CASCADE,
    starts_at      timestamptz NOT NULL,
    ends_at        timestamptz NOT NULL,
    reason         text        NOT NULL CHECK (reason IN ('leave', 'sick', 'training', 'other')),
    version        integer     NOT NULL DEFAULT 1,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CHECK (ends_at > starts_at)
);
CREATE INDEX absences_technician ON absences (technician_id, starts_at);

CREATE TRIGGER teams_touch BEFORE UPDATE ON teams FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER technicians_touch BEFORE UPDATE ON technicians FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER technician_skills_touch BEFORE UPDATE ON technician_skills FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER shifts_touch BEFORE UPDATE ON shifts FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER absences_touch BEFORE UPDATE ON absences FOR EACH ROW EXECUTE FUNCTION touch_row();
