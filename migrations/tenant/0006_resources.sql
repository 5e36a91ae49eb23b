-- Resources: depots, vehicles, equipment and tools (reservations without overlap, maintenance),
-- materials (stock per depot or site, purchase orders, consumption on interventions).
CREATE TABLE depots (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name        text        NOT NULL UNIQUE,
    address     text        NOT NULL DEFAULT '',
    latitude    double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude   double precision CHECK (longitude BETWEEN -180 AND 180),
    version     integer     NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE vehicles (
    id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    plate                   text        NOT NULL UNIQUE,
    label                   text        NOT NULL,
    kind                    text        NOT NULL CHECK (kind IN ('van', 'truck', 'car', 'utility', 'machine')),
    tracker_device          text        UNIQUE,
    status                  text        NOT NULL DEFAULT 'available'
                            CHECK (status IN ('available', 'in_use', 'maintenance', 'retired')),
    assigned_technician_id  uuid        REFERENCES technicians (id) ON DELETE SET NULL,
    depot_id                uuid        REFERENCES depots (id) ON DELETE SET NULL,
    cost_per_km             numeric(8, 3) NOT NULL DEFAULT 0 CHECK (cost_per_km >= 0),
    next_maintenance_on     date,
    version                 integer     NOT NULL DEFAULT 1,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE equipment (
    id                         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name                       text        NOT NULL,
    category                   text        NOT NULL,
    serial_number              text        UNIQUE,
    status                     text        NOT NULL DEFAULT 'available'
                               CHECK (status IN ('available', 'in_use', 'maintenance', 'lost', 'retired')),
    depot_id                   uuid        REFERENCES depots (id) ON DELETE SET NULL,
    maintenance_interval_days  integer     CHECK (maintenance_interval_days > 0),
    next_maintenance_on        date,
    version                    integer     NOT NULL DEFAULT 1,
    created_at                 timestamptz NOT NULL DEFAULT now(),
    updated_at                 timestamptz NOT NULL DEFAULT now()
);

-- The exclusion constraint is the conflict detection: two reservations of one item cannot overlap.
CREATE TABLE equipment_reservations (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    equipment_id    uuid        NOT NULL REFERENCES equipment (id) ON DELETE CASCADE,
    site_id         uuid        REFERENCES sites (id) ON DELETE CASCADE,
    reserved_from   timestamptz NOT NULL,
    reserved_until  timestamptz NOT NULL,
    note            text        NOT NULL DEFAULT '',
    version         integer     NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (reserved_until > reserved_from),
    CONSTRAINT equipment_reservations_no_overlap
        EXCLUDE USING gist (equipment_id WITH =, tstzrange(reserved_from, reserved_until) WITH &&)
);

CREATE TABLE maintenance_logs (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    equipment_id  uuid        REFERENCES equipment (id) ON DELETE CASCADE,
    vehicle_id    uuid        REFERENCES vehicles (id) ON DELETE CASCADE,
    performed_on  date        NOT NULL,
    kind          text        NOT NULL CHECK (kind IN ('inspection', 'service', 'repair', 'calibration')),
    notes         text        NOT NULL DEFAULT '',
    cost          numeric(12, 2) NOT NULL DEFAULT 0 CHECK (cost >= 0),
    version       integer     NOT NULL DEFAULT 1,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CHECK ((equipment_id IS NULL) <> (vehicle_id IS NULL))
);

ALTER TABLE materials
    ADD COLUMN unit_cost            numeric(12, 4) NOT NULL DEFAULT 0 CHECK (unit_cost >= 0),
    ADD COLUMN low_stock_threshold  numeric(12, 3) NOT NULL DEFAULT 0 CHECK (low_stock_threshold >= 0);

CREATE TABLE stock_levels (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    material    text        NOT NULL REFERENCES materials (reference),
    depot_id    uuid        REFERENCES depots (id) ON DELETE CASCADE,
    site_id     uuid        REFERENCES sites (id) ON DELETE CASCADE,
    quantity    numeric(12, 3) NOT NULL DEFAULT 0,
    version     integer     NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CHECK ((depot_id IS NULL) <> (site_id IS NULL)),
    UNIQUE NULLS NOT DISTINCT (material, depot_id, site_id)
);

CREATE TABLE purchase_orders (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    number       text        NOT NULL UNIQUE,
    supplier     text        NOT NULL,
    status       text        NOT NULL DEFAULT 'draft'
                 CHECK (status IN ('draft', 'sent', 'confirmed', 'received', 'cancelled')),
    depot_id     uuid        REFERENCES depots (id),
    site_id      uuid        REFERENCES sites (id),
    expected_on  date,
    lines        jsonb       NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(lines) = 'array'),
    version      integer     NOT NULL DEFAULT 1,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CHECK ((depot_id IS NULL) <> (site_id IS NULL))
);

CREATE TRIGGER depots_touch BEFORE UPDATE ON depots FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER vehicles_touch BEFORE UPDATE ON vehicles FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER equipment_touch BEFORE UPDATE ON equipment FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER equipment_reservations_touch BEFORE UPDATE ON equipment_reservations FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER maintenance_logs_touch BEFORE UPDATE ON maintenance_logs FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER stock_levels_touch BEFORE UPDATE ON stock_levels FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER purchase_orders_touch BEFORE UPDATE ON purchase_orders FOR EACH ROW EXECUTE FUNCTION touch_row();
