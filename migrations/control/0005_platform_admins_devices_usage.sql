-- Operators of the platform itself (not of a tenant).
CREATE TABLE platform_admins (
    id             uuid PRIMARY KEY,
    email          text        NOT NULL UNIQUE,
    password_hash  text,                          -- argon2id (libsodium's encoded string)
    status         text        NOT NULL DEFAULT 'active' CHECK (status IN ('invited', 'active', 'disabled')),
    created_at     timestamptz NOT NULL DEFAULT now()
);

-- GPS trackers: a position arrives with the tracker's id only, so the tenant is found here.
CREATE TABLE devices (
    tracker_id   text PRIMARY KEY CHECK (length(tracker_id) BETWEEN 1 AND 128),
    tenant_id    uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    label        text,
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX devices_tenant ON devices (tenant_id);

-- Usage metered per tenant and day, for licences, billing and per-tenant cost.
CREATE TABLE tenant_usage_daily (
    tenant_id      uuid    NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    day            date    NOT NULL,
    positions      bigint  NOT NULL DEFAULT 0 CHECK (positions >= 0),
    photos         bigint  NOT NULL DEFAULT 0 CHECK (photos >= 0),
    reports        bigint  NOT NULL DEFAULT 0 CHECK (reports >= 0),
    storage_bytes  bigint  NOT NULL DEFAULT 0 CHECK (storage_bytes >= 0),
    active_users   integer NOT NULL DEFAULT 0 CHECK (active_users >= 0),
    PRIMARY KEY (tenant_id, day)
);
