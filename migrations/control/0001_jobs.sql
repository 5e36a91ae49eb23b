-- Asynchronous jobs submitted through the gateway and advanced by the workers.
CREATE TABLE jobs (
    id            uuid PRIMARY KEY,
    tenant        text        NOT NULL,
    kind          text        NOT NULL,              -- the command's message type, e.g. report.render.v1
    status        text        NOT NULL DEFAULT 'queued'
                  CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
    submitted_by  text        NOT NULL,
    payload       jsonb       NOT NULL,
    result        jsonb,
    error         jsonb,
    attempts      integer     NOT NULL DEFAULT 0,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz
);

CREATE INDEX jobs_tenant_created ON jobs (tenant, created_at DESC);
