import Domain
import FieldOpsCore
import Foundation
import HTTPServer

/// The common verbs of every `ResourceCatalog` collection:
///
///     GET    /v1/<name>        list: ?<filter>=a,b &sort=-field &limit &offset
///     POST   /v1/<name>        create → 201, Location, ETag
///     GET    /v1/<name>/{id}   read → ETag; If-None-Match → 304
///     PATCH  /v1/<name>/{id}   change the given fields; If-Match required → 412 when stale
///     DELETE /v1/<name>/{id}   If-Match required → 204
struct ResourceRoutes {
    let definition: ResourceDefinition
    let routing: TenantRouting
    /// Runs after a create is committed (announcing it to the mesh).
    var afterCreate: PlanningSignals.Hook?

    func register(in router: inout Router) {
        let store = ResourceStore(definition)
        let area = definition.area
        let path = definition.path
        router.get(path, routing.protect(Permission(area, .read)) { request in
            let query = try ListQuery(request.http.query.map { ($0.name, $0.value) }, for: store.definition)
            return HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: try await store.list(query, on: request.pool))
        })
        router.get(path + "/{id}", routing.protect(Permission(area, .read)) { request in
            guard let record = try await store.read(id: try request.http.uuid(naming: store.definition.singular), on: request.pool) else {
                throw HTTPError.notFound("No such \(store.definition.singular).")
            }
            if ETag.matches(request.http, version: record.version) {
                return HTTPResponse(status: 304, headers: ["ETag": ETag.header(record.version)])
            }
            return Self.response(record, status: 200)
        })
        if definition.creatable {
            router.post(path, routing.protect(Permission(area, .create)) { [afterCreate] request in
                let record = try await store.create(try Self.body(request), context: request.audit, on: request.pool)
                await afterCreate?(request, record)
                var response = Self.response(record, status: 201)
                if let id = record.id { response.headers.set("Location", path + "/" + id.uuidString.lowercased()) }
                return response
            })
        }
        if !definition.fields.isEmpty {
            router.patch(path + "/{id}", routing.protect(Permission(area, .update)) { request in
                let id = try request.http.uuid(naming: store.definition.singular)
                let version = try ETag.required(request.http)
                let record = try await store.update(id: id, try Self.body(request), expectedVersion: version, context: request.audit, on: request.pool)
                return Self.response(record, status: 200)
            })
        }
        if definition.deletable {
            router.delete(path + "/{id}", routing.protect(Permission(area, .delete)) { request in
                let id = try request.http.uuid(naming: store.definition.singular)
                try await store.delete(id: id, expectedVersion: try ETag.required(request.http), context: request.audit, on: request.pool)
                return HTTPResponse(status: 204)
            })
        }
    }

    static func body(_ request: TenantRequest) throws -> JSONValue {
        do {
            return try JSONDecoder().decode(JSONValue.self, from: Data(try request.http.bodyBytes()))
        } catch let error as HTTPError {
            throw error
        } catch {
            throw HTTPError.badRequest("The body must be a JSON object.")
        }
    }

    static func response(_ record: VersionedRecord, status: Int) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "application/json", "ETag": ETag.header(record.version)], body: record.json)
    }
}
