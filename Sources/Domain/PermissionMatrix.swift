import Identity

/// Who may do what: the one table every route is checked against, published as
/// docs/permissions.md (generated from here by `fieldopsctl docs permissions`; a test keeps the two equal).
public enum PermissionMatrix {
    private static let all = Set(DomainAction.allCases)
    private static let readOnly: Set<DomainAction> = [.read]
    private static let noDelete: Set<DomainAction> = [.read, .create, .update]

    /// The actions each role may take in each area; an absent area means no access.
    static let grants: [Role: [DomainArea: Set<DomainAction>]] = [
        .technician: [
            .sites: readOnly, .resources: readOnly, .people: readOnly, .interventions: [.read, .update],
            .fieldwork: noDelete, .jobs: readOnly, .notifications: noDelete,
        ],
        .siteLead: [
            .sites: [.read, .update], .resources: readOnly, .people: readOnly, .interventions: noDelete,
            .fieldwork: noDelete, .reports: [.read, .create], .jobs: readOnly, .notifications: noDelete,
        ],
        .projectManager: [
            .sites: noDelete, .resources: noDelete, .people: readOnly, .interventions: all,
            .fieldwork: noDelete, .audit: readOnly, .reports: [.read, .create], .jobs: readOnly, .notifications: noDelete,
        ],
        .manager: [
            .sites: all, .resources: all, .people: all, .interventions: all, .fieldwork: all,
            .users: readOnly, .audit: readOnly, .reports: [.read, .create], .jobs: readOnly, .notifications: noDelete,
            .integrations: readOnly, .settings: readOnly,
        ],
        .tenantAdmin: [
            .sites: all, .resources: all, .people: all, .interventions: all, .fieldwork: all,
            .users: all, .audit: readOnly, .reports: [.read, .create], .jobs: readOnly, .notifications: noDelete,
            .integrations: all, .settings: [.read, .update],
        ],
        .platformAdmin: [.tenants: all, .audit: readOnly],
    ]

    public static func allows(_ role: Role, _ permission: Permission) -> Bool {
        grants[role]?[permission.area]?.contains(permission.action) ?? false
    }

    /// The matrix as a Markdown table: one row per area, one column per role.
    public static var markdown: String {
        let roles = Role.allCases
        var lines = [
            "# Permission matrix",
            "",
            "Generated from `Sources/Domain/PermissionMatrix.swift` by `fieldopsctl docs permissions`; every `/v1`",
            "route names the permission (area and action) it needs, and the gateway refuses the others with 403.",
            "Letters: **r**ead, **c**reate, **u**pdate, **d**elete.",
            "",
            "| area | " + roles.map(\.rawValue).joined(separator: " | ") + " |",
            "|---|" + String(repeating: "---|", count: roles.count),
        ]
        for area in DomainArea.allCases {
            let cells = roles.map { role in
                let actions = grants[role]?[area] ?? []
                let letters = DomainAction.allCases.filter(actions.contains).map { String($0.rawValue.prefix(1)) }.joined()
                return letters.isEmpty ? "–" : letters
            }
            lines.append("| \(area.rawValue) | " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
