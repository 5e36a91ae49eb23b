/// Every collection of the domain API that follows the common verbs. Workflows and records with
/// rules of their own (intervention status, checklist answers, clock-ins, signatures, users, audit)
/// have their own routes.
public enum ResourceCatalog {
    public static let name = FieldType.text(maxLength: 200)
    static let label = FieldType.text(maxLength: 120)
    static let note = FieldType.text(maxLength: 4_000, allowsEmpty: true)
    static let code = FieldType.text(maxLength: 64)
    static let latitude = FieldType.number(-90...90)
    static let longitude = FieldType.number(-180...180)
    static let money = FieldType.number(0...1e12)
    static let quantity = FieldType.number(-1e9...1e9)

    public static let all: [ResourceDefinition] = [
        sites, phases, milestones, documents, teams, technicians, technicianSkills, shifts, absences,
        depots, vehicles, equipment, reservations, maintenanceLogs, stockLevels, purchaseOrders,
        interventions, consumptions, incidents, timeClockEntries, signatures, users,
    ]

    public static func named(_ name: String) -> ResourceDefinition? { all.first { $0.name == name } }

    // MARK: - Sites

    public static let sites = ResourceDefinition(
        name: "sites", singular: "site", area: .sites,
        fields: [
            ResourceField("code", code, .required), ResourceField("name", name, .required),
            ResourceField("site_type", label, .required), ResourceField("client_name", name, .required),
            ResourceField("address", note, .defaulted), ResourceField("latitude", latitude, .required),
            ResourceField("longitude", longitude, .required), ResourceField("geofence", .geofence, .defaulted),
            ResourceField("budget", money, .defaulted), ResourceField("starts_on", .date), ResourceField("ends_on", .date),
            ResourceField("status", .enumeration(["planned", "active", "suspended", "completed", "cancelled"]), .defaulted),
            ResourceField("time_zone", .text(maxLength: 64), .defaulted),
        ],
        filters: ["status": .enumeration(["planned", "active", "suspended", "completed", "cancelled"]), "site_type": label, "client_name": name, "code": code],
        sortable: ["name", "code", "starts_on", "ends_on", "created_at", "updated_at"], defaultSort: "name",
        orderedPairs: [("starts_on", "ends_on")]
    )

    public static let phases = ResourceDefinition(
        name: "phases", singular: "phase", table: "site_phases", area: .sites,
        fields: [
            ResourceField("site_id", .uuid, .required, updatable: false), ResourceField("name", name, .required),
            ResourceField("position", .integer(0...10_000), .defaulted), ResourceField("planned_start", .date),
            ResourceField("planned_end", .date), ResourceField("actual_start", .date), ResourceField("actual_end", .date),
            ResourceField("progress", .integer(0...100), .defaulted), ResourceField("budget", money, .defaulted),
        ],
        filters: ["site_id": .uuid], sortable: ["position", "planned_start", "name", "created_at"], defaultSort: "position",
        orderedPairs: [("planned_start", "planned_end"), ("actual_start", "actual_end")]
    )

    public static let milestones = ResourceDefinition(
        name: "milestones", singular: "milestone", area: .sites,
        fields: [
            ResourceField("site_id", .uuid, .required, updatable: false), ResourceField("phase_id", .uuid),
            ResourceField("name", name, .required), ResourceField("due_on", .date, .required), ResourceField("achieved_on", .date),
        ],
        filters: ["site_id": .uuid, "phase_id": .uuid], sortable: ["due_on", "name", "created_at"], defaultSort: "due_on"
    )

    public static let documents = ResourceDefinition(
        name: "documents", singular: "document", table: "site_documents", area: .sites,
        fields: [
            ResourceField("site_id", .uuid, .required, updatable: false), ResourceField("title", name, .required),
            ResourceField("kind", .enumeration(["plan", "permit", "contract", "safety", "other"]), .required),
        ],
        filters: ["site_id": .uuid, "kind": .enumeration(["plan", "permit", "contract", "safety", "other"])],
        sortable: ["title", "created_at"], defaultSort: "title"
    )

    // MARK: - People

    public static let teams = ResourceDefinition(
        name: "teams", singular: "team", area: .people, fields: [ResourceField("name", name, .required)],
        sortable: ["name", "created_at"], defaultSort: "name"
    )

    public static let technicians = ResourceDefinition(
        name: "technicians", singular: "technician", area: .people,
        fields: [
            ResourceField("user_id", .uuid), ResourceField("full_name", name, .required), ResourceField("phone", .text(maxLength: 32)),
            ResourceField("team_id", .uuid), ResourceField("home_latitude", latitude), ResourceField("home_longitude", longitude),
            ResourceField("hourly_rate", money, .defaulted), ResourceField("status", .enumeration(["active", "inactive"]), .defaulted),
        ],
        filters: ["team_id": .uuid, "status": .enumeration(["active", "inactive"]), "user_id": .uuid],
        sortable: ["full_name", "created_at"], defaultSort: "full_name"
    )

    public static let technicianSkills = ResourceDefinition(
        name: "technician-skills", singular: "technician skill", area: .people,
        fields: [
            ResourceField("technician_id", .uuid, .required, updatable: false), ResourceField("skill", code, .required, updatable: false),
            ResourceField("level", .integer(1...5), .defaulted), ResourceField("certified_until", .date),
        ],
        filters: ["technician_id": .uuid, "skill": code], sortable: ["skill", "certified_until", "created_at"], defaultSort: "skill"
    )

    public static let shifts = ResourceDefinition(
        name: "shifts", singular: "shift", area: .people,
        fields: [
            ResourceField("technician_id", .uuid, .required, updatable: false),
            ResourceField("starts_at", .timestamp, .required), ResourceField("ends_at", .timestamp, .required),
        ],
        filters: ["technician_id": .uuid], sortable: ["starts_at", "created_at"], defaultSort: "starts_at",
        orderedPairs: [("starts_at", "ends_at")]
    )

    public static let absences = ResourceDefinition(
        name: "absences", singular: "absence", area: .people,
        fields: [
            ResourceField("technician_id", .uuid, .required, updatable: false),
            ResourceField("starts_at", .timestamp, .required), ResourceField("ends_at", .timestamp, .required),
            ResourceField("reason", .enumeration(["leave", "sick", "training", "other"]), .required),
        ],
        filters: ["technician_id": .uuid], sortable: ["starts_at", "created_at"], defaultSort: "starts_at",
        orderedPairs: [("starts_at", "ends_at")]
    )

    // MARK: - Resources

    public static let depots = ResourceDefinition(
        name: "depots", singular: "depot", area: .resources,
        fields: [
            ResourceField("name", name, .required), ResourceField("address", note, .defaulted),
            ResourceField("latitude", latitude), ResourceField("longitude", longitude),
        ],
        sortable: ["name", "created_at"], defaultSort: "name"
    )

    public static let vehicles = ResourceDefinition(
        name: "vehicles", singular: "vehicle", area: .resources,
        fields: [
            ResourceField("plate", .text(maxLength: 20), .required), ResourceField("label", name, .required),
            ResourceField("kind", .enumeration(["van", "truck", "car", "utility", "machine"]), .required),
            ResourceField("tracker_device", code), ResourceField("status", .enumeration(["available", "in_use", "maintenance", "retired"]), .defaulted),
            ResourceField("assigned_technician_id", .uuid), ResourceField("depot_id", .uuid),
            ResourceField("cost_per_km", .number(0...1_000), .defaulted), ResourceField("next_maintenance_on", .date),
        ],
        filters: ["status": .enumeration(["available", "in_use", "maintenance", "retired"]), "depot_id": .uuid, "assigned_technician_id": .uuid],
        sortable: ["plate", "label", "next_maintenance_on", "created_at"], defaultSort: "plate"
    )

    public static let equipment = ResourceDefinition(
        name: "equipment", singular: "equipment item", area: .resources,
        fields: [
            ResourceField("name", name, .required), ResourceField("category", label, .required), ResourceField("serial_number", code),
            ResourceField("status", .enumeration(["available", "in_use", "maintenance", "lost", "retired"]), .defaulted),
            ResourceField("depot_id", .uuid), ResourceField("maintenance_interval_days", .integer(1...3_650)),
            ResourceField("next_maintenance_on", .date),
        ],
        filters: ["status": .enumeration(["available", "in_use", "maintenance", "lost", "retired"]), "category": label, "depot_id": .uuid],
        sortable: ["name", "category", "next_maintenance_on", "created_at"], defaultSort: "name"
    )

    public static let reservations = ResourceDefinition(
        name: "reservations", singular: "reservation", table: "equipment_reservations", area: .resources,
        fields: [
            ResourceField("equipment_id", .uuid, .required, updatable: false), ResourceField("site_id", .uuid),
            ResourceField("reserved_from", .timestamp, .required), ResourceField("reserved_until", .timestamp, .required),
            ResourceField("note", note, .defaulted),
        ],
        filters: ["equipment_id": .uuid, "site_id": .uuid], sortable: ["reserved_from", "created_at"], defaultSort: "reserved_from",
        orderedPairs: [("reserved_from", "reserved_until")]
    )

    public static let maintenanceLogs = ResourceDefinition(
        name: "maintenance-logs", singular: "maintenance log", area: .resources,
        fields: [
            ResourceField("equipment_id", .uuid, updatable: false), ResourceField("vehicle_id", .uuid, updatable: false),
            ResourceField("performed_on", .date, .required),
            ResourceField("kind", .enumeration(["inspection", "service", "repair", "calibration"]), .required),
            ResourceField("notes", note, .defaulted), ResourceField("cost", money, .defaulted),
        ],
        filters: ["equipment_id": .uuid, "vehicle_id": .uuid], sortable: ["performed_on", "created_at"], defaultSort: "performed_on"
    )

    public static let stockLevels = ResourceDefinition(
        name: "stock-levels", singular: "stock level", area: .resources,
        fields: [
            ResourceField("material", code, .required, updatable: false), ResourceField("depot_id", .uuid, updatable: false),
            ResourceField("site_id", .uuid, updatable: false), ResourceField("quantity", quantity, .required),
        ],
        filters: ["material": code, "depot_id": .uuid, "site_id": .uuid], sortable: ["material", "quantity", "created_at"], defaultSort: "material"
    )

    public static let purchaseOrders = ResourceDefinition(
        name: "purchase-orders", singular: "purchase order", area: .resources,
        fields: [
            ResourceField("number", code, .required, updatable: false), ResourceField("supplier", name, .required),
            ResourceField("status", .enumeration(["draft", "sent", "confirmed", "received", "cancelled"]), .defaulted),
            ResourceField("depot_id", .uuid), ResourceField("site_id", .uuid), ResourceField("expected_on", .date),
            ResourceField("lines", .orderLines, .defaulted),
        ],
        filters: ["status": .enumeration(["draft", "sent", "confirmed", "received", "cancelled"]), "site_id": .uuid, "depot_id": .uuid],
        sortable: ["number", "expected_on", "created_at"], defaultSort: "number"
    )

    // MARK: - Interventions and field work

    /// Status, assignment timestamps and the reference are read-only here: they move through
    /// `POST /v1/interventions/{id}/transitions` and the planning routes.
    public static let interventions = ResourceDefinition(
        name: "interventions", singular: "intervention", area: .interventions,
        fields: [
            ResourceField("site_id", .uuid, .required, updatable: false), ResourceField("work_type", code, .required),
            ResourceField("title", name, .required), ResourceField("description", note, .defaulted),
            ResourceField("required_skills", .codes(maxCount: 20), .defaulted),
            ResourceField("estimated_minutes", .integer(1...14_400), .required),
            ResourceField("window_start", .timestamp), ResourceField("window_end", .timestamp),
            ResourceField("priority", .enumeration(["low", "normal", "high", "urgent"]), .defaulted),
            ResourceField("sla_due_at", .timestamp), ResourceField("assigned_technician_id", .uuid),
            ResourceField("scheduled_start", .timestamp), ResourceField("scheduled_end", .timestamp),
            ResourceField("pinned", .boolean, .defaulted), ResourceField("checklist_template", code, updatable: false),
        ],
        filters: [
            "site_id": .uuid, "assigned_technician_id": .uuid, "work_type": code,
            "status": .enumeration(InterventionStatus.allCases.map(\.rawValue)), "priority": .enumeration(["low", "normal", "high", "urgent"]),
        ],
        sortable: ["reference", "scheduled_start", "window_start", "sla_due_at", "priority", "created_at", "updated_at"],
        defaultSort: "created_at",
        orderedPairs: [("window_start", "window_end"), ("scheduled_start", "scheduled_end")]
    )

    public static let consumptions = ResourceDefinition(
        name: "material-consumptions", singular: "material consumption", area: .fieldwork,
        fields: [
            ResourceField("intervention_id", .uuid, .required, updatable: false), ResourceField("material", code, .required, updatable: false),
            ResourceField("quantity", .number(0.001...1e9), .required), ResourceField("unit_cost", .number(0...1e9), .required),
        ],
        filters: ["intervention_id": .uuid, "material": code], sortable: ["created_at"]
    )

    public static let incidents = ResourceDefinition(
        name: "incidents", singular: "incident", area: .fieldwork,
        fields: [
            ResourceField("site_id", .uuid, .required, updatable: false), ResourceField("intervention_id", .uuid),
            ResourceField("kind", .enumeration(["hazard", "delay", "damage", "injury", "weather", "other"]), .required),
            ResourceField("severity", .enumeration(["minor", "major", "critical"]), .defaulted),
            ResourceField("description", .text(maxLength: 4_000), .required),
            ResourceField("latitude", latitude), ResourceField("longitude", longitude), ResourceField("resolved_at", .timestamp),
        ],
        filters: ["site_id": .uuid, "intervention_id": .uuid, "severity": .enumeration(["minor", "major", "critical"])],
        sortable: ["created_at", "severity"], defaultSort: "created_at"
    )

    /// Clock-ins are recorded by `POST /v1/time-clock` and never change.
    public static let timeClockEntries = ResourceDefinition(
        name: "time-clock", singular: "clock entry", table: "time_clock_entries", area: .fieldwork, fields: [],
        filters: ["technician_id": .uuid, "site_id": .uuid, "outside_geofence": .boolean], sortable: ["at"], defaultSort: "at",
        deletable: false, creatable: false
    )

    /// Signatures are given by `POST /v1/interventions/{id}/signatures` and never change.
    public static let signatures = ResourceDefinition(
        name: "signatures", singular: "signature", area: .fieldwork, fields: [],
        filters: ["intervention_id": .uuid, "signer_role": .enumeration(["client", "technician"])], sortable: ["signed_at"],
        defaultSort: "signed_at", hiddenColumns: ["image_png"], deletable: false, creatable: false
    )

    // MARK: - Users

    /// Users are invited (`POST /v1/users`), never created bare, and disabled rather than deleted
    /// so the audit trail keeps naming them.
    public static let users = ResourceDefinition(
        name: "users", singular: "user", area: .users,
        fields: [
            ResourceField("display_name", name), ResourceField("locale", .enumeration(["fr", "en"]), .defaulted),
            ResourceField("role", .enumeration(UserAccounts.tenantRoles), .defaulted),
            ResourceField("status", .enumeration(["active", "disabled"]), .defaulted),
        ],
        filters: ["role": .enumeration(UserAccounts.tenantRoles), "status": .enumeration(["invited", "active", "disabled"])],
        sortable: ["email", "created_at", "last_login_at"], defaultSort: "email",
        hiddenColumns: ["password_hash", "invite_token_hash", "reset_token_hash"], deletable: false, creatable: false
    )
}
