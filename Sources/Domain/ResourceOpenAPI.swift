import FieldOpsCore

/// The OpenAPI description of the catalog's common verbs, generated from the same definitions the
/// routes and validation use. `merge(into:)` replaces what it owns in a document (the catalog's
/// paths and schemas) and keeps everything else, so hand-written routes live beside it;
/// `fieldopsctl docs openapi` writes the result to docs/openapi.json and a test keeps them equal.
public enum ResourceOpenAPI {
    public static func merge(into document: JSONValue) -> JSONValue {
        guard case .object(var root) = document else { return document }
        var paths = root["paths"]?.objectMembers ?? [:]
        var components = root["components"]?.objectMembers ?? [:]
        var schemas = components["schemas"]?.objectMembers ?? [:]
        for definition in ResourceCatalog.all {
            let type = typeName(definition)
            paths[definition.path] = .object(collectionOperations(definition, type: type).merging(paths[definition.path]?.objectMembers ?? [:]) { generated, _ in generated })
            paths[definition.path + "/{id}"] = .object(itemOperations(definition, type: type).merging(paths[definition.path + "/{id}"]?.objectMembers ?? [:]) { generated, _ in generated })
            schemas[type] = recordSchema(definition)
            schemas[type + "List"] = .object([
                "type": "object", "required": ["items", "total", "limit", "offset"],
                "properties": .object([
                    "items": .object(["type": "array", "items": .object(["$ref": .string("#/components/schemas/" + type)])]),
                    "total": .object(["type": "integer"]), "limit": .object(["type": "integer"]), "offset": .object(["type": "integer"]),
                ]),
            ])
            if !definition.fields.isEmpty {
                schemas[type + "Input"] = inputSchema(definition, requiring: true)
                schemas[type + "Changes"] = inputSchema(definition, requiring: false)
            }
        }
        components["schemas"] = .object(schemas)
        root["components"] = .object(components)
        root["paths"] = .object(paths)
        return .object(root)
    }

    // MARK: - Operations

    private static func collectionOperations(_ definition: ResourceDefinition, type: String) -> [String: JSONValue] {
        var parameters: [JSONValue] = definition.filters.keys.sorted().map { name in
            .object(["name": .string(name), "in": "query", "required": false, "description": "Equality filter; comma-separate several values to match any.",
                     "schema": .object(["type": "string"])])
        }
        parameters += [
            .object(["name": "sort", "in": "query", "required": false, "schema": .object(["type": "string"]),
                     "description": .string("Comma-separated fields, '-' for descending: " + definition.sortable.joined(separator: ", ") + ".")]),
            .object(["name": "limit", "in": "query", "required": false, "schema": .object(["type": "integer", "minimum": 1, "maximum": .int(Int64(ListQuery.maximumLimit)), "default": 50])]),
            .object(["name": "offset", "in": "query", "required": false, "schema": .object(["type": "integer", "minimum": 0, "default": 0])]),
        ]
        var operations: [String: JSONValue] = [
            "get": operation(definition, "list", summary: "List \(definition.name.replacingOccurrences(of: "-", with: " ")) (filter, sort, page).", action: .read, parameters: parameters, responses: [
                "200": json("A page of \(definition.name).", ref: type + "List", example: [
                    "items": [record(definition)], "total": 1, "limit": .int(50), "offset": 0,
                ]), "422": problem("A filter, sort or page parameter is invalid (named in errors)."),
            ]),
        ]
        if definition.creatable {
            operations["post"] = operation(definition, "create", summary: "Create a \(definition.singular).", action: .create, parameters: [idempotencyKey], responses: [
                "201": json(
                    "Created; ETag and Location set.", ref: type, headers: ["ETag": etagHeader, "Location": .object(["schema": .object(["type": "string"])])],
                    example: record(definition)
                ),
                "409": problem("Conflicts with another \(definition.singular) (a unique value, an overlap)."),
                "422": problem("Invalid fields, each named in errors; unknown and read-only fields are refused."),
            ], body: body(type + "Input", example: example(definition)))
        }
        return operations
    }

    private static func itemOperations(_ definition: ResourceDefinition, type: String) -> [String: JSONValue] {
        let id: JSONValue = .object(["name": "id", "in": "path", "required": true, "schema": .object(["type": "string", "format": "uuid"])])
        let ifMatch: JSONValue = .object(["name": "If-Match", "in": "header", "required": true, "description": "The ETag you read.", "schema": .object(["type": "string"]), "example": "\"1\""])
        let stale = problem("The record changed since you read it; the current ETag is returned.", example: [
            "type": "about:blank", "title": "Precondition Failed", "status": 412,
            "detail": .string("The \(definition.singular) changed since you read it (now version 3)."), "instance": .string(definition.path + "/3b0e8c1e-2f4a-4d6b-9c8e-5a7f1d2e3c4b"),
        ])
        let missingPrecondition = problem("If-Match is missing.")
        var operations: [String: JSONValue] = [
            "get": operation(definition, "get", summary: "Read a \(definition.singular).", action: .read, parameters: [id], responses: [
                "200": json("The \(definition.singular).", ref: type, headers: ["ETag": etagHeader], example: record(definition)), "304": .object(["description": "Not modified (If-None-Match)."]),
                "404": problem("No such \(definition.singular) in this tenant."),
            ]),
        ]
        if !definition.fields.isEmpty {
            operations["patch"] = operation(definition, "update", summary: "Change some fields of a \(definition.singular).", action: .update, parameters: [id, ifMatch], responses: [
                "200": json("The changed \(definition.singular).", ref: type, headers: ["ETag": etagHeader], example: record(definition, version: 2)), "404": problem("No such \(definition.singular)."),
                "409": problem("Conflicts with another record."), "412": stale, "422": problem("Invalid fields, each named in errors."), "428": missingPrecondition,
            ], body: body(type + "Changes", example: changes(definition)))
        }
        if definition.deletable {
            operations["delete"] = operation(definition, "delete", summary: "Delete a \(definition.singular).", action: .delete, parameters: [id, ifMatch], responses: [
                "204": .object(["description": "Deleted."]), "404": problem("No such \(definition.singular)."),
                "409": problem("Still used by other records."), "412": stale, "428": missingPrecondition,
            ])
        }
        return operations
    }

    private static func operation(
        _ definition: ResourceDefinition, _ verb: String, summary: String, action: DomainAction, parameters: [JSONValue],
        responses: [String: JSONValue], body: JSONValue? = nil
    ) -> JSONValue {
        var all = responses
        all["401"] = problem("Missing, malformed, forged or expired access token.")
        all["403"] = problem("The role lacks \(definition.area.rawValue):\(action.rawValue) (docs/permissions.md).")
        all["429"] = problem("The tenant's or the client's request budget is spent.")
        var members: [String: JSONValue] = [
            "operationId": .string(verb + typeName(definition) + (verb == "list" ? "s" : "")), "summary": .string(summary),
            "tags": [.string(definition.area.rawValue)], "security": [["bearerAuth": []]],
            "parameters": .array(parameters), "responses": .object(all),
        ]
        if let body { members["requestBody"] = body }
        return .object(members)
    }

    // MARK: - Schemas

    private static func recordSchema(_ definition: ResourceDefinition) -> JSONValue {
        var properties = Dictionary(uniqueKeysWithValues: definition.fields.map { ($0.name, schema(for: $0)) })
        properties["id"] = .object(["type": "string", "format": "uuid", "readOnly": true])
        properties["version"] = .object(["type": "integer", "readOnly": true, "description": "The ETag's value."])
        return .object([
            "type": "object", "properties": .object(properties), "required": ["id", "version"],
            "description": .string("A \(definition.singular); also carries its read-only columns (status, timestamps, references)."),
        ])
    }

    private static func inputSchema(_ definition: ResourceDefinition, requiring: Bool) -> JSONValue {
        let fields = requiring ? definition.fields : definition.fields.filter(\.updatable)
        var members: [String: JSONValue] = [
            "type": "object", "additionalProperties": false,
            "properties": .object(Dictionary(uniqueKeysWithValues: fields.map { ($0.name, schema(for: $0)) })),
        ]
        let required = definition.fields.filter { $0.presence == .required }.map { JSONValue.string($0.name) }
        if requiring, !required.isEmpty { members["required"] = .array(required) }
        return .object(members)
    }

    private static func schema(for field: ResourceField) -> JSONValue {
        guard field.presence == .optional, case .object(var members) = schema(for: field.type) else { return schema(for: field.type) }
        if case .string(let type)? = members["type"] { members["type"] = [.string(type), "null"] }
        return .object(members)
    }

    private static func schema(for type: FieldType) -> JSONValue {
        switch type {
        case .text(let maxLength, let allowsEmpty): .object(["type": "string", "minLength": allowsEmpty ? 0 : 1, "maxLength": .int(Int64(maxLength))])
        case .email: .object(["type": "string", "format": "email"])
        case .uuid: .object(["type": "string", "format": "uuid"])
        case .integer(let range): .object(["type": "integer", "minimum": .int(range.lowerBound), "maximum": .int(range.upperBound)])
        case .number(let range): .object(["type": "number", "minimum": number(range.lowerBound), "maximum": number(range.upperBound)])
        case .boolean: .object(["type": "boolean"])
        case .date: .object(["type": "string", "format": "date"])
        case .timestamp: .object(["type": "string", "format": "date-time", "description": "With a time zone."])
        case .enumeration(let values): .object(["type": "string", "enum": .array(values.map(JSONValue.string))])
        case .codes(let maxCount): .object(["type": "array", "maxItems": .int(Int64(maxCount)), "uniqueItems": true, "items": .object(["type": "string"])])
        case .geofence: .object(["type": "object", "description": #"{"radius_m": 150} around the site, or {"polygon": [[lat, lon], …]} (3–500 vertices, no crossing edges)."#])
        case .orderLines: .object(["type": "array", "maxItems": 500, "items": .object([
            "type": "object", "required": ["material", "quantity", "unit_price"],
            "properties": .object(["material": .object(["type": "string"]), "quantity": .object(["type": "number"]), "unit_price": .object(["type": "number"])]),
        ])])
        }
    }

    /// A request body that passes validation, built from the field types.
    /// A stored record as the API returns it: the required fields, its id and version.
    private static func record(_ definition: ResourceDefinition, version: Int64 = 1) -> JSONValue {
        guard case .object(var members) = example(definition) else { return example(definition) }
        members["id"] = "3b0e8c1e-2f4a-4d6b-9c8e-5a7f1d2e3c4b"
        members["version"] = .int(version)
        return .object(members)
    }

    /// A change of the first field that can change.
    private static func changes(_ definition: ResourceDefinition) -> JSONValue {
        guard let field = definition.fields.first(where: \.updatable) else { return [:] }
        return .object([field.name: example(for: field.type)])
    }

    private static func example(_ definition: ResourceDefinition) -> JSONValue {
        .object(Dictionary(uniqueKeysWithValues: definition.fields.filter { $0.presence == .required }.map { ($0.name, example(for: $0.type)) }))
    }

    private static func example(for type: FieldType) -> JSONValue {
        switch type {
        case .text: "Exemple"
        case .email: "chef.chantier@example.fr"
        case .uuid: "6f1c2d7e-5b1a-4c3e-9d2f-1a2b3c4d5e6f"
        case .integer(let range): .int(max(range.lowerBound, min(range.upperBound, 60)))
        case .number(let range): number(max(range.lowerBound, min(range.upperBound, 1)))
        case .boolean: true
        case .date: "2026-12-07"
        case .timestamp: "2026-12-07T08:00:00+01:00"
        case .enumeration(let values): .string(values[0])
        case .codes: ["macon"]
        case .geofence: ["radius_m": 150]
        case .orderLines: [["material": "CIM-CEM2-35", "quantity": 20, "unit_price": 9.8]]
        }
    }

    // MARK: - Pieces

    /// Whole numbers as integers, so the document reads back to the same values it was written from.
    private static func number(_ value: Double) -> JSONValue {
        value == value.rounded() && abs(value) < 1e15 ? .int(Int64(value)) : .double(value)
    }

    private static func typeName(_ definition: ResourceDefinition) -> String {
        definition.singular.split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    private static let etagHeader: JSONValue = .object(["description": "The record's version, for If-Match.", "schema": .object(["type": "string"])])
    private static let idempotencyKey: JSONValue = .object([
        "name": "Idempotency-Key", "in": "header", "required": false, "schema": .object(["type": "string", "maxLength": 255]),
        "description": "Retries with the same key replay the first response.",
    ])

    private static func json(_ description: String, ref: String, headers: [String: JSONValue] = [:], example: JSONValue) -> JSONValue {
        var members: [String: JSONValue] = [
            "description": .string(description),
            "content": .object(["application/json": .object(["schema": .object(["$ref": .string("#/components/schemas/" + ref)]), "example": example])]),
        ]
        if !headers.isEmpty { members["headers"] = .object(headers) }
        return .object(members)
    }

    private static func problem(_ description: String, example: JSONValue? = nil) -> JSONValue {
        var media: [String: JSONValue] = ["schema": .object(["$ref": "#/components/schemas/Problem"])]
        if let example { media["example"] = example }
        return .object(["description": .string(description), "content": .object(["application/problem+json": .object(media)])])
    }

    private static func body(_ ref: String, example: JSONValue?) -> JSONValue {
        var media: [String: JSONValue] = ["schema": .object(["$ref": .string("#/components/schemas/" + ref)])]
        if let example { media["example"] = example }
        return .object(["required": true, "content": .object(["application/json": .object(media)])])
    }
}

extension JSONValue {
    var objectMembers: [String: JSONValue]? {
        if case .object(let members) = self { members } else { nil }
    }
}
