import FieldOpsCore
import Mail
import NotificationDelivery
import Notifications
import Redis

/// What the notify worker reads from the environment besides the host's settings.
public struct NotifyWorkerConfiguration: Sendable {
    public var smtp: SMTPConfiguration
    public var sms: SMSProviderConfiguration?
    public var redis: RedisConfiguration
    /// Retries of email, SMS and webhook deliveries.
    public var retrySchedule: WebhookRetrySchedule
    /// How often due deliveries, deferred ones and digests are looked for.
    public var dispatchInterval: Duration
    /// Deliveries claimed per tenant and pass.
    public var dispatchBatch: Int
    /// Sends in flight at once.
    public var sendConcurrency: Int
    /// How often the dispatch loop evaluates the alert rules it reads facts for itself.
    public var alertInterval: Duration
    public var alertThresholds: AlertThresholds

    public init(
        smtp: SMTPConfiguration, sms: SMSProviderConfiguration? = nil, redis: RedisConfiguration,
        retrySchedule: WebhookRetrySchedule = WebhookRetrySchedule(), dispatchInterval: Duration = .seconds(5), dispatchBatch: Int = 200,
        sendConcurrency: Int = 16, alertInterval: Duration = .seconds(300), alertThresholds: AlertThresholds = AlertThresholds()
    ) {
        self.smtp = smtp
        self.sms = sms
        self.redis = redis
        self.retrySchedule = retrySchedule
        self.dispatchInterval = dispatchInterval
        self.dispatchBatch = dispatchBatch
        self.sendConcurrency = sendConcurrency
        self.alertInterval = alertInterval
        self.alertThresholds = alertThresholds
    }

    /// The SMTP (`FIELDOPS_SMTP_*`) and SMS (`FIELDOPS_SMS_*`) settings, `FIELDOPS_REDIS_*`, and
    /// `FIELDOPS_NOTIFY_RETRY_FIRST_MS` (30 s), `_RETRY_MAX_MS` (6 h), `_RETRY_WINDOW_MS` (24 h),
    /// `_DISABLE_AFTER_FAILURES` (20), `_DISPATCH_INTERVAL_MS` (5 s), `_DISPATCH_BATCH` (200),
    /// `_SEND_CONCURRENCY` (16), `_ALERT_INTERVAL_MS` (5 min), `_BUDGET_OVERRUN_PERCENT` (10), `_MAINTENANCE_LEAD_DAYS` (7),
    /// `_CERTIFICATION_LEAD_DAYS` (30).
    public init(environment: Environment) throws(ConfigurationError) {
        let prefix = "FIELDOPS_NOTIFY_"
        func positive(_ name: String, _ fallback: Int) throws(ConfigurationError) -> Int {
            let value = try environment.int(prefix + name, default: fallback)
            guard value > 0 else { throw ConfigurationError(variable: prefix + name, value: String(value), expected: "a positive integer") }
            return value
        }
        self.init(
            smtp: try SMTPConfiguration(environment: environment),
            sms: try SMSProviderConfiguration(environment: environment),
            redis: try RedisConfiguration(environment: environment),
            retrySchedule: WebhookRetrySchedule(
                firstDelay: try environment.milliseconds(prefix + "RETRY_FIRST_MS", default: .seconds(30)), multiplier: 4,
                maximumDelay: try environment.milliseconds(prefix + "RETRY_MAX_MS", default: .seconds(6 * 3600)),
                window: try environment.milliseconds(prefix + "RETRY_WINDOW_MS", default: .seconds(24 * 3600)),
                disableAfterConsecutiveFailures: try positive("DISABLE_AFTER_FAILURES", 20)
            ),
            dispatchInterval: try environment.milliseconds(prefix + "DISPATCH_INTERVAL_MS", default: .seconds(5)),
            dispatchBatch: try positive("DISPATCH_BATCH", 200),
            sendConcurrency: try positive("SEND_CONCURRENCY", 16),
            alertInterval: try environment.milliseconds(prefix + "ALERT_INTERVAL_MS", default: .seconds(300)),
            alertThresholds: AlertThresholds(
                budgetOverrunRatio: Double(try environment.int(prefix + "BUDGET_OVERRUN_PERCENT", default: 10)) / 100,
                maintenanceLeadDays: try positive("MAINTENANCE_LEAD_DAYS", 7),
                certificationLeadDays: try positive("CERTIFICATION_LEAD_DAYS", 30)
            )
        )
    }
}
