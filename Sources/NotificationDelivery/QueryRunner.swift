import Postgres

/// A pool or a connection inside a transaction: the stores run on either, so one effect can join
/// the transaction of the message that caused it.
public protocol QueryRunner: Sendable {
    @discardableResult
    func query(_ query: PostgresQuery) async throws -> PostgresRows
}

extension PostgresPool: QueryRunner {}
extension PostgresConnection: QueryRunner {}
