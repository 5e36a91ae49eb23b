-- Interventions: planned work on a site, its checklist (copied from a template at creation), the
-- materials it consumed and the incidents (aléas) reported on site.
ALTER TABLE checklist_template_items
    ADD COLUMN kind      text    NOT NULL DEFAULT 'boolean'
                         CHECK (kind IN ('boolean', 'number', 'text', 'photo', 'signature')),
    ADD COLUMN required  boolean NOT NULL DEFAULT true;
UPDATE checklist_template_items SET kind = 'photo' WHERE requires_photo;

CREATE SEQUENCE intervention_numbers;

CREATE TABLE interventions (
    id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    reference               text        NOT NULL UNIQUE
                            DEFAULT 'INT-' || to_char(now(), 'YYYY') || '-' || lpad(nextval('intervention_numbers')::text, 6, '0'),
    site_id                 uuid        NOT NULL REFERENCES sites (id) ON DELETE RESTRICT,
    work_type               text        NOT NULL REFERENCES work_types (code),
    title                   text        NOT NULL,
    description             text        NOT NULL DEFAULT '',
    required_skills         text[]      NOT NULL DEFAULT '{}',
    estimated_minutes       integer     NOT NULL CHECK (estimated_minutes BETWEEN 1 AND 14400),
    window_start            timestamptz,
    window_end              timestamptz,
    priority                text        NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    sla_due_at              timestamptz,
    status                  text        NOT NULL DEFAULT 'draft'
                            CHECK (status IN ('draft', 'planned', 'assigned', 'in_progress', 'done', 'validated',
                                              'invoiced', 'blocked', 'cancelled')),
    assigned_technician_id  uuid        REFERENCES technicians (id) ON DELETE SET NULL,
    scheduled_start         timestamptz,
    scheduled_end           timestamptz,
    pinned                  boolean     NOT NULL DEFAULT false,
    checklist_template      text        REFERENCES checklist_templates (code),
    started_at              timestamptz,
    completed_at            timestamptz,
    version                 integer     NOT NULL DEFAULT 1,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    CHECK (window_end IS NULL OR window_start IS NULL OR window_end > window_start),
    CHECK (scheduled_end IS NULL OR scheduled_start IS NULL OR scheduled_end > scheduled_start)
);
CREATE INDEX interventions_site ON interventions (site_id, status);
CREATE INDEX interventions_technician ON interventions (assigned_technician_id, scheduled_start);

CREATE TABLE intervention_checklist_items (
    intervention_id  uuid        NOT NULL REFERENCES interventions (id) ON DELETE CASCADE,
    position         integer     NOT NULL,
    label_fr         text        NOT NULL,
    label_en         text        NOT NULL,
    kind             text        NOT NULL CHECK (kind IN ('boolean', 'number', 'text', 'photo', 'signature')),
    required         boolean     NOT NULL,
    value            jsonb,
    answered_by      uuid,
    answered_at      timestamptz,
    PRIMARY KEY (intervention_id, position)
);

-- Copies the template's items when an intervention names a checklist template.
CREATE FUNCTION instantiate_checklist() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO intervention_checklist_items (intervention_id, position, label_fr, label_en, kind, required)
    SELECT NEW.id, position, label_fr, label_en, kind, required
    FROM checklist_template_items WHERE template = NEW.checklist_template;
    RETURN NULL;
END
$$;
CREATE TRIGGER interventions_checklist AFTER INSERT ON interventions
    FOR EACH ROW WHEN (NEW.checklist_template IS NOT NULL) EXECUTE FUNCTION instantiate_checklist();

CREATE TABLE material_consumptions (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    intervention_id  uuid        NOT NULL REFERENCES interventions (id) ON DELETE CASCADE,
    material         text        NOT NULL REFERENCES materials (reference),
    quantity         numeric(12, 3) NOT NULL CHECK (quantity > 0),
    unit_cost        numeric(12, 4) NOT NULL CHECK (unit_cost >= 0),
    recorded_by      uuid,
    version          integer     NOT NULL DEFAULT 1,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX material_consumptions_intervention ON material_consumptions (intervention_id);

CREATE TABLE incidents (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    site_id          uuid        NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    intervention_id  uuid        REFERENCES interventions (id) ON DELETE SET NULL,
    kind             text        NOT NULL CHECK (kind IN ('hazard', 'delay', 'damage', 'injury', 'weather', 'other')),
    severity         text        NOT NULL DEFAULT 'minor' CHECK (severity IN ('minor', 'major', 'critical')),
    description      text        NOT NULL,
    latitude         double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude        double precision CHECK (longitude BETWEEN -180 AND 180),
    reported_by      uuid,
    resolved_at      timestamptz,
    version          integer     NOT NULL DEFAULT 1,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX incidents_site ON incidents (site_id, created_at);

CREATE TRIGGER interventions_touch BEFORE UPDATE ON interventions FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER material_consumptions_touch BEFORE UPDATE ON material_consumptions FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER incidents_touch BEFORE UPDATE ON incidents FOR EACH ROW EXECUTE FUNCTION touch_row();
