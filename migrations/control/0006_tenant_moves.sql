-- A tenant being moved to another server is `moving`: every registry refuses it (503 with
-- Retry-After) while its database is copied, which is the write freeze.
ALTER TABLE tenants DROP CONSTRAINT tenants_status_check;
ALTER TABLE tenants ADD CONSTRAINT tenants_status_check
    CHECK (status IN ('provisioning', 'active', 'suspended', 'moving', 'deleting'));
