import NotificationDelivery
import Postgres
import Redis
import Telemetry

/// What follows a committed fan-out: live clients hear of the in-app entries, and the deliveries
/// due now are sent. Neither step can lose anything: the inbox table is the record for clients that
/// missed the push, and a delivery not sent now is sent by the `DispatchLoop` when its lease ends.
struct CommittedNotifications: Sendable {
    let redis: RedisPool
    let dispatcher: DeliveryDispatcher

    func deliver(_ result: NotificationFanOut.FanOutResult, tenant: String, pool: PostgresPool, logger: Logger) async {
        for (user, notification) in result.inApp {
            do {
                try await NotificationStream.publish(notification, tenant: tenant, user: user, redis: redis)
            } catch {
                logger.warning("live push failed", ["error": "\(error)"])
            }
        }
        do {
            try await dispatcher.dispatch(result.dueNow, pool: pool)
        } catch {
            logger.warning("immediate dispatch failed; the dispatch loop will retry", ["error": "\(error)"])
        }
    }
}
