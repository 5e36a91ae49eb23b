-- Reference data loaded per sector at provisioning (reference-data/<sector>.sql) and edited by the
-- tenant afterwards. Labels in French (what field teams read) and English.
CREATE TABLE units (
    code      text PRIMARY KEY,
    label_fr  text NOT NULL,
    label_en  text NOT NULL
);

CREATE TABLE work_types (
    code      text PRIMARY KEY,
    label_fr  text NOT NULL,
    label_en  text NOT NULL
);

CREATE TABLE skills (
    code      text PRIMARY KEY,
    label_fr  text NOT NULL,
    label_en  text NOT NULL
);

CREATE TABLE checklist_templates (
    code       text PRIMARY KEY,
    label_fr   text NOT NULL,
    label_en   text NOT NULL,
    work_type  text REFERENCES work_types (code)
);

CREATE TABLE checklist_template_items (
    template        text    NOT NULL REFERENCES checklist_templates (code) ON DELETE CASCADE,
    position        integer NOT NULL,
    label_fr        text    NOT NULL,
    label_en        text    NOT NULL,
    requires_photo  boolean NOT NULL DEFAULT false,
    PRIMARY KEY (template, position)
);

CREATE TABLE materials (
    reference  text PRIMARY KEY,
    label_fr   text NOT NULL,
    label_en   text NOT NULL,
    category   text NOT NULL,
    unit       text NOT NULL REFERENCES units (code)
);

-- People of the tenant. Provisioning creates the tenant admin, invited: only the SHA-256 of the
-- invite token is kept, the token itself is handed out once.
CREATE TABLE users (
    id                 uuid PRIMARY KEY,
    email              text        NOT NULL UNIQUE,
    role               text        NOT NULL
                       CHECK (role IN ('tenant_admin', 'manager', 'project_manager', 'site_lead', 'technician')),
    status             text        NOT NULL DEFAULT 'invited' CHECK (status IN ('invited', 'active', 'disabled')),
    invite_token_hash  bytea,
    created_at         timestamptz NOT NULL DEFAULT now()
);
