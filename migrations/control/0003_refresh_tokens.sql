-- Rotating refresh tokens. Only a hash is stored. Each use replaces the token with a new one of the
-- same family; presenting a token already used revokes the whole family (it was stolen or replayed).
CREATE TABLE refresh_tokens (
    token_hash   bytea PRIMARY KEY,
    family_id    uuid        NOT NULL,
    subject      text        NOT NULL,
    tenant       text,
    role         text        NOT NULL,
    issued_at    timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    used_at      timestamptz,
    revoked_at   timestamptz
);

CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
