import Commands
import Domain
import FieldOpsCore
import Foundation
import HTTPServer
import Mesh
import Postgres

/// Tells the scheduler when the day's plan no longer holds: a new absence (`technician.absent`,
/// one event per day it covers, at most two weeks) and a new urgent intervention
/// (`intervention.urgent`, on the day of its window, schedule or creation). Published after the
/// record is committed; a failed publish is logged, not undone — the record stands, and a replan can
/// be asked for through `POST /v1/planning/assign`.
struct PlanningSignals: Sendable {
    static let maximumDays = 14

    let broker: BrokerLink

    typealias Hook = @Sendable (TenantRequest, VersionedRecord) async -> Void

    /// What to announce after a resource was created, if anything.
    func afterCreate(of resource: String) -> Hook? {
        switch resource {
        case "absences":
            return { request, record in
                await announce(request, record, query: Self.absenceDays, routingKey: TechnicianAbsentEvent.routingKey) {
                    TechnicianAbsentEvent(technicianID: $0, day: $1)
                }
            }
        case "interventions":
            return { request, record in
                await announce(request, record, query: Self.urgentDay, routingKey: InterventionUrgentEvent.routingKey) {
                    InterventionUrgentEvent(interventionID: $0, day: $1)
                }
            }
        default:
            return nil
        }
    }

    /// The planning days an absence covers, in the tenant's planning time zone: (technician, day).
    private static func absenceDays(_ id: UUID) -> PostgresQuery {
        """
        SELECT a.technician_id::text, day::date::text
        FROM absences a, schedule_settings s,
             generate_series((a.starts_at AT TIME ZONE s.time_zone)::date,
                             ((a.ends_at - interval '1 microsecond') AT TIME ZONE s.time_zone)::date, interval '1 day') AS day
        WHERE a.id = \(id) LIMIT \(maximumDays)
        """
    }

    /// The day an urgent intervention is needed on: (intervention, day); none for other priorities.
    private static func urgentDay(_ id: UUID) -> PostgresQuery {
        """
        SELECT i.id::text, (coalesce(i.window_start, i.scheduled_start, i.created_at) AT TIME ZONE s.time_zone)::date::text
        FROM interventions i, schedule_settings s WHERE i.id = \(id) AND i.priority = 'urgent'
        """
    }

    private func announce<Event: MeshMessage>(
        _ request: TenantRequest, _ record: VersionedRecord, query: (UUID) -> PostgresQuery, routingKey: String,
        event: (String, String) -> Event
    ) async {
        guard let id = record.id else { return }
        do {
            guard let connection = broker.connection, connection.isConnected else {
                throw HTTPError.unavailable("the broker is unreachable", retryAfterSeconds: 5)
            }
            let publisher = MeshPublisher(connection: connection, appID: "gateway")
            for (subject, day) in try await request.pool.query(query(id)).decode((String, String).self) {
                try await publisher.publish(
                    event(subject, day), exchange: MeshExchange.events, routingKey: routingKey, tenant: request.claims.tenant ?? "",
                    trace: request.http.trace.child()
                )
            }
        } catch {
            request.http.logger.warning("planning signal not published", ["error": "\(error)", "record": id.uuidString])
        }
    }
}
