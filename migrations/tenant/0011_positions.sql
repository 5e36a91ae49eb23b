-- GPS: positions (partitioned by month of fix time), the event engine's state per device, the events it
-- derived, device tokens for the ingestion API, and the tenant's motion settings.

-- One row per fix. The key makes ingestion idempotent: a fix delivered twice is stored once.
-- Speeds in m/s, angles in degrees, lengths in metres. received_at is when ingestion took the fix,
-- stored_at when it became visible: their difference is the ingestion lag.
CREATE TABLE positions (
    device_id    text             NOT NULL,
    fix_time     timestamptz      NOT NULL,
    latitude     double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude    double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    speed        real,
    course       real,
    altitude     real,
    accuracy     real,
    hdop         real,
    battery      real,
    valid        boolean          NOT NULL DEFAULT true,
    attributes   jsonb,
    received_at  timestamptz      NOT NULL,
    stored_at    timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (device_id, fix_time)
) PARTITION BY RANGE (fix_time);

-- Catches a fix outside every monthly partition (one that was not created in time) rather than
-- refusing it; create_position_partitions keeps it empty in normal operation.
CREATE TABLE positions_default PARTITION OF positions DEFAULT;

-- Creates the monthly partitions from last month to `months_ahead` months from now (idempotent);
-- returns how many it created. The GPS worker calls it for each tenant it writes to, once a day.
CREATE FUNCTION create_position_partitions(months_ahead integer DEFAULT 3) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    first_month date := date_trunc('month', now() AT TIME ZONE 'UTC')::date - interval '1 month';
    month date;
    created integer := 0;
    partition_name text;
BEGIN
    FOR step IN 0..months_ahead + 1 LOOP
        month := first_month + make_interval(months => step);
        partition_name := 'positions_' || to_char(month, 'YYYY_MM');
        IF to_regclass(partition_name) IS NULL THEN
            EXECUTE format(
                'CREATE TABLE %I PARTITION OF positions FOR VALUES FROM (%L) TO (%L)',
                partition_name, (month::timestamp AT TIME ZONE 'UTC'), ((month + interval '1 month')::timestamp AT TIME ZONE 'UTC')
            );
            created := created + 1;
        END IF;
    END LOOP;
    RETURN created;
END
$$;

SELECT create_position_partitions();

-- What the event engine remembers per device between batches (GPS.DeviceState as JSON).
CREATE TABLE device_states (
    device_id   text PRIMARY KEY,
    state       jsonb       NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Events derived from positions (geofence enter/exit, stops, trips, overspeed), also published on
-- fieldops.events. The key is the event's own (device, kind, time, site): recomputing a batch after
-- a crash stores nothing twice.
CREATE TABLE gps_events (
    event_key    text PRIMARY KEY,
    device_id    text             NOT NULL,
    kind         text             NOT NULL,
    occurred_at  timestamptz      NOT NULL,
    site_id      uuid,
    latitude     double precision NOT NULL,
    longitude    double precision NOT NULL,
    details      jsonb            NOT NULL DEFAULT '{}',
    created_at   timestamptz      NOT NULL DEFAULT now()
);
CREATE INDEX gps_events_device_time ON gps_events (device_id, occurred_at);

-- Tokens of trackers posting to /v1/gps/positions: only a SHA-256 of the 256-bit secret is kept,
-- so a leaked table authenticates nobody. Issued by `fieldopsctl device register`.
CREATE TABLE device_tokens (
    device_id     text PRIMARY KEY,
    token_sha256  bytea       NOT NULL CHECK (length(token_sha256) = 32),
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- The tenant's motion settings (one row): when a vehicle is stopped or speeding.
CREATE TABLE gps_settings (
    singleton             boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    still_speed_mps       real    NOT NULL DEFAULT 0.5 CHECK (still_speed_mps >= 0),
    minimum_stop_seconds  integer NOT NULL DEFAULT 300 CHECK (minimum_stop_seconds > 0),
    speed_limit_mps       real    CHECK (speed_limit_mps > 0)
);
INSERT INTO gps_settings DEFAULT VALUES;
