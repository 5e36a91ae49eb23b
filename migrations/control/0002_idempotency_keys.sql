-- Idempotency-Key records (Stripe's semantics): the first response to a key is replayed byte for
-- byte; the same key with another body is refused. Kept at least 24 hours.
CREATE TABLE idempotency_keys (
    tenant            text        NOT NULL,
    client            text        NOT NULL,           -- the authenticated subject
    key               text        NOT NULL,
    request_hash      bytea       NOT NULL,           -- SHA-256 of method, path and body
    status            text        NOT NULL CHECK (status IN ('in_progress', 'completed')),
    response_status   integer,
    response_headers  jsonb,
    response_body     bytea,
    created_at        timestamptz NOT NULL DEFAULT now(),
    expires_at        timestamptz NOT NULL,
    PRIMARY KEY (tenant, client, key),
    CHECK (length(key) BETWEEN 1 AND 255)
);

CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);
