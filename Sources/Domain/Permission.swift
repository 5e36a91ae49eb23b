import Identity

/// A part of the product a permission is about.
public enum DomainArea: String, Sendable, CaseIterable, Codable {
    /// Sites, phases, milestones, documents.
    case sites
    /// Depots, vehicles, equipment, reservations, maintenance, materials, stock, purchase orders.
    case resources
    /// Technicians, skills, teams, shifts, absences.
    case people
    /// Interventions and their planning.
    case interventions
    /// What is recorded on site: checklists, incidents, clock-ins, signatures, consumptions.
    case fieldwork
    /// The tenant's users and their roles.
    case users
    case audit
    /// Reports and KPIs.
    case reports
    /// Asynchronous jobs (reports, photos): whoever submitted one follows it.
    case jobs
    /// One's own in-app notifications and preferences.
    case notifications
    /// Webhooks and notification templates: how the tenant's systems are told.
    case integrations
    /// Tenant-wide choices: photo privacy (whether watermarked photos keep their EXIF).
    case settings
    /// Tenants and licences: platform administrators only.
    case tenants
}

public enum DomainAction: String, Sendable, CaseIterable, Codable {
    case read, create, update, delete
}

/// One thing a route does: an action on an area.
public struct Permission: Sendable, Hashable, CustomStringConvertible {
    public let area: DomainArea
    public let action: DomainAction

    public init(_ area: DomainArea, _ action: DomainAction) {
        self.area = area
        self.action = action
    }

    public var description: String { "\(area.rawValue):\(action.rawValue)" }
}
