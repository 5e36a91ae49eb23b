import Commands
import FieldOpsCore
import Foundation
import Postgres
import Reports
import ReportRendering
import Tenancy
import TestSupport

/// A freshly provisioned tenant (its own database, migrated, BTP reference data) with a small,
/// hand-computed site history, removed afterwards whatever the test did.
///
/// The figures the tests check, from `seed`:
/// * 2026-11-16 (Paris, UTC+1): Élodie on CH-001 07:00–17:00 with a 12:00–13:00 break (9 h, 1 h
///   break, 2 h overtime past 7 h); Jérôme on CH-001 08:00–12:30 (4.5 h) then CH-002 13:30–16:00 (2.5 h).
/// * 2026-11-17: Élodie on CH-002 08:00–11:15 (3.25 h).
/// * Labour: Élodie 12.25 h × 40.00 = 490.00; Jérôme 7 h × 35.50 = 248.50; total 738.50.
/// * Materials: 6.5 × 112.40 + 10 × 8.95 on CH-001 (820.10), 4 × 8.95 on CH-002 (35.80); total 855.90.
/// * Invoice: CH-001 net 1,339.85, VAT 267.97; CH-002 net 254.55, VAT 50.91; net 1,594.40, VAT 318.88, gross 1,913.28.
struct ReportsFixture {
    let slug: String
    let controlPlane: PostgresPool
    let tenants: TenantDatabases
    let pool: PostgresPool
    let environment: Environment

    static func environment(overrides: [String: String] = [:]) -> Environment {
        var values = TestServices.environment.values
        values["FIELDOPS_POSTGRES_URL"] = TestServices.postgresURL
        values["FIELDOPS_TENANT_MIGRATIONS_DIR"] = TestServices.repositoryRoot.appendingPathComponent("migrations/tenant").path
        values["FIELDOPS_REFERENCE_DATA_DIR"] = TestServices.repositoryRoot.appendingPathComponent("reference-data").path
        values.merge(overrides) { _, new in new }
        return Environment(values)
    }

    /// Provisions a tenant, seeds it, runs `body`, then removes the tenant.
    static func run(seeded: Bool = true, _ body: (ReportsFixture) async throws -> Void) async throws {
        let environment = environment()
        let configuration = try TenancyConfiguration(environment: environment)
        let controlPlane = try await TestServices.controlPlanePool()
        let provisioner = try TenantProvisioner(controlPlane: controlPlane, configuration: configuration, logger: TestServices.logger)
        let slug = TestServices.uniqueName("reports")
        _ = try await provisioner.provision(slug: slug, name: "Bâtiments Réunis \(slug)", sector: "btp", adminEmail: "admin@\(slug).example")
        let tenants = TenantDatabases(controlPlane: controlPlane, configuration: configuration, logger: TestServices.logger)
        let outcome: Result<Void, any Error>
        do {
            let pool = try await tenants.pool(for: slug)
            if seeded { try await pool.withConnection { try await $0.execute(script: seed) } }
            outcome = .success(try await body(ReportsFixture(slug: slug, controlPlane: controlPlane, tenants: tenants, pool: pool, environment: environment)))
        } catch {
            outcome = .failure(error)
        }
        await tenants.close()
        try await provisioner.abandon(slug)
        await controlPlane.close()
        try outcome.get()
    }

    /// Builds the document for `command` and renders it, inside one transaction as the worker does.
    func render(_ command: ReportRenderCommand, settings: ReportSettings = ReportSettings(), to path: String) async throws -> RenderedReport {
        try await pool.withTransaction(isolation: .repeatableRead) { connection in
            let document = try await ReportComposer().document(for: ReportContext(command: command, tenantName: "Bâtiments Réunis", settings: settings, connection: connection))
            switch command.format {
            case .pdf: return try await PDFRenderer().render(document, to: path)
            case .xlsx: return try await XLSXWriter().write(document, to: path)
            case .csv: return try await CSVWriter().write(document, to: path)
            }
        }
    }

    func id(_ sql: String) async throws -> String {
        try await pool.query(PostgresQuery(unsafeSQL: sql)).first!.decode(UUID.self, at: 0).uuidString.lowercased()
    }

    static func temporaryPath(_ suffix: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent(TestServices.uniqueName("report") + suffix).path
    }

    static let seed = """
        INSERT INTO sites (code, name, site_type, client_name, address, latitude, longitude, budget, status) VALUES
            ('CH-001', 'Résidence Les Tilleuls', 'residential', 'Société d''HLM Émeraude', '12 rue des Tilleuls, Lyon', 45.76, 4.83, 10000, 'active'),
            ('CH-002', 'École Jean-Jaurès', 'public', 'Mairie de Villeurbanne', '3 place Lazare-Goujon', 45.77, 4.88, 200, 'active');
        INSERT INTO site_phases (site_id, name, progress) SELECT id, 'Gros œuvre', 50 FROM sites WHERE code = 'CH-001';
        INSERT INTO milestones (site_id, name, due_on, achieved_on)
            SELECT id, 'Hors d''eau', date '2026-11-17', NULL::date FROM sites WHERE code = 'CH-001'
            UNION ALL SELECT id, 'Démolition', date '2026-11-16', date '2026-11-16' FROM sites WHERE code = 'CH-002';
        INSERT INTO technicians (full_name, hourly_rate) VALUES ('Élodie Marchand-Lefèvre', 40.00), ('Jérôme Dupré', 35.50);
        INSERT INTO time_clock_entries (technician_id, site_id, kind, at, latitude, longitude, accuracy_m, distance_m, outside_geofence)
        SELECT t.id, s.id, e.kind, e.at::timestamptz, 45.76, 4.83, 5, 10, false
        FROM (VALUES
            ('Élodie Marchand-Lefèvre', 'CH-001', 'in', '2026-11-16 06:00Z'), ('Élodie Marchand-Lefèvre', 'CH-001', 'break_start', '2026-11-16 11:00Z'),
            ('Élodie Marchand-Lefèvre', 'CH-001', 'break_end', '2026-11-16 12:00Z'), ('Élodie Marchand-Lefèvre', 'CH-001', 'out', '2026-11-16 16:00Z'),
            ('Jérôme Dupré', 'CH-001', 'in', '2026-11-16 07:00Z'), ('Jérôme Dupré', 'CH-001', 'out', '2026-11-16 11:30Z'),
            ('Jérôme Dupré', 'CH-002', 'in', '2026-11-16 12:30Z'), ('Jérôme Dupré', 'CH-002', 'out', '2026-11-16 15:00Z'),
            ('Élodie Marchand-Lefèvre', 'CH-002', 'in', '2026-11-17 07:00Z'), ('Élodie Marchand-Lefèvre', 'CH-002', 'out', '2026-11-17 10:15Z')
        ) AS e (technician, site, kind, at)
        JOIN technicians t ON t.full_name = e.technician JOIN sites s ON s.code = e.site;
        INSERT INTO interventions (reference, site_id, work_type, title, estimated_minutes, status, assigned_technician_id, checklist_template,
                                   scheduled_start, started_at, completed_at, sla_due_at)
        SELECT e.reference, s.id, 'gros_oeuvre', e.title, e.minutes, e.status, t.id, e.template,
               e.scheduled::timestamptz, e.started::timestamptz, e.completed::timestamptz, e.due::timestamptz
        FROM (VALUES
            ('INT-T-1', 'CH-001', 'Coulage dalle R+1', 240, 'done', 'Élodie Marchand-Lefèvre', 'coulage_beton',
             '2026-11-16 07:00Z', '2026-11-16 07:30Z', '2026-11-16 11:30Z', '2026-11-16 12:00Z'),
            ('INT-T-2', 'CH-002', 'Reprise enduit façade', 120, 'done', 'Jérôme Dupré', NULL,
             '2026-11-16 12:30Z', '2026-11-16 12:30Z', '2026-11-16 15:30Z', '2026-11-16 14:00Z'),
            ('INT-T-3', 'CH-001', 'Pose menuiseries', 300, 'planned', NULL, NULL, '2026-11-17 08:00Z', NULL, NULL, '2026-11-17 10:00Z')
        ) AS e (reference, site, title, minutes, status, technician, template, scheduled, started, completed, due)
        JOIN sites s ON s.code = e.site LEFT JOIN technicians t ON t.full_name = e.technician;
        UPDATE intervention_checklist_items SET value = 'true', answered_at = '2026-11-16 08:00Z'
            WHERE intervention_id = (SELECT id FROM interventions WHERE reference = 'INT-T-1') AND kind = 'boolean';
        UPDATE materials SET unit_cost = 8.95 WHERE reference = 'CIM-CEM2-35';
        INSERT INTO material_consumptions (intervention_id, material, quantity, unit_cost, created_at)
        SELECT i.id, e.material, e.quantity, e.cost, e.at::timestamptz
        FROM (VALUES ('INT-T-1', 'BET-C25-30', 6.5, 112.40, '2026-11-16 10:00Z'), ('INT-T-1', 'CIM-CEM2-35', 10, 8.95, '2026-11-16 10:00Z'),
                     ('INT-T-2', 'CIM-CEM2-35', 4, 8.95, '2026-11-16 14:00Z')) AS e (reference, material, quantity, cost, at)
        JOIN interventions i ON i.reference = e.reference;
        INSERT INTO incidents (site_id, kind, severity, description, created_at)
            SELECT id, 'weather', 'minor', 'Averse orageuse, arrêt du coulage 20 min', '2026-11-16 09:15Z' FROM sites WHERE code = 'CH-001';
        INSERT INTO signatures (intervention_id, signer_name, signer_role, signed_at, strokes, summary_sha256)
            SELECT id, 'Hélène d''Arçais', 'client', '2026-11-16 11:45Z', '[]', sha256('INT-T-1'::bytea) FROM interventions WHERE reference = 'INT-T-1';
        """
}
