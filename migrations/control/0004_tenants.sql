-- PostgreSQL servers that hold tenant databases. The admin credentials are not stored here: they come
-- from the environment (FIELDOPS_DATABASE_SERVERS) of the processes that provision tenants.
CREATE TABLE database_servers (
    name        text PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9-]{0,39}$'),
    host        text        NOT NULL,
    port        integer     NOT NULL CHECK (port BETWEEN 1 AND 65535),
    admin_user  text        NOT NULL,            -- who provisions; the password lives with the URL in the environment
    capacity    integer     NOT NULL DEFAULT 200 CHECK (capacity > 0),  -- tenant databases it should hold
    status      text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'draining', 'offline')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- One row per customer company: its licence and where its database lives.
CREATE TABLE tenants (
    id               uuid PRIMARY KEY,
    slug             text        NOT NULL UNIQUE CHECK (slug ~ '^[a-z][a-z0-9-]{2,39}$'),
    name             text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    sector           text        NOT NULL CHECK (sector IN ('btp', 'electrical', 'public_works')),
    status           text        NOT NULL DEFAULT 'provisioning'
                     CHECK (status IN ('provisioning', 'active', 'suspended', 'deleting')),
    admin_email      text        NOT NULL,
    -- Licence.
    seats            integer     NOT NULL DEFAULT 10 CHECK (seats >= 0),
    modules          text[]      NOT NULL DEFAULT '{}',
    limits           jsonb       NOT NULL DEFAULT '{}',
    expires_at       timestamptz,
    -- Placement: the server, database and login role of the tenant.
    server_name      text        NOT NULL REFERENCES database_servers (name),
    database_name    text        NOT NULL,
    role_name        text        NOT NULL,
    -- The role's password sealed with FIELDOPS_TENANT_SECRETS_KEY (nonce || secretbox); set by provisioning.
    role_password_sealed bytea,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (server_name, database_name)
);

CREATE INDEX tenants_server ON tenants (server_name);

-- What provisioning did for a tenant, one row per step: a rerun skips what is done.
CREATE TABLE tenant_provisioning_steps (
    tenant_id  uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    step       text        NOT NULL,
    status     text        NOT NULL CHECK (status IN ('running', 'done', 'failed')),
    detail     text,
    attempts   integer     NOT NULL DEFAULT 1,
    at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, step)
);
