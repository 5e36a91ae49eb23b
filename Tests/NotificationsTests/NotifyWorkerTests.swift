import Commands
import FieldOpsCore
import Foundation
import Mesh
import NotificationDelivery
import Notifications
import Postgres
import TestSupport
import Testing

/// A domain event as another worker publishes it.
struct PhotoProcessedEvent: MeshMessage {
    static let type = "photo.processed.v1"
    let userID: String
    let siteName: String

    enum CodingKeys: String, CodingKey { case userID = "user_id", siteName = "site_name" }
}

@Suite("Notify worker against RabbitMQ, PostgreSQL, Redis and an SMTP sink", .timeLimit(.minutes(2)))
struct NotifyWorkerTests {
    static let pdf = Array("%PDF-1.7\n% rapport de test\n".utf8)

    @Test("the SMTP sink receives the mail with its PDF attachment; the inbox gets the entry")
    func mailWithAttachment() async throws {
        try await NotifyFixture.run { fixture in
            try await fixture.send(NotifySendCommand(
                eventType: NotificationEventType.reportReady, userIDs: [fixture.technician.uuidString],
                values: ["report_name": "Weekly <S48>", "link": "https://app.example/r/1"],
                attachments: [NotificationAttachment(filename: "weekly-s48.pdf", contentType: "application/pdf", content: Self.pdf)]
            ))
            let address = NotifyFixture.email(fixture.technician)
            try await eventually { try !fixture.smtp.mails(to: address).isEmpty }
            let mail = try #require(try fixture.smtp.mails(to: address).first)
            #expect(mail.mailFrom == "notify@fieldops.test")
            #expect(mail.raw.contains("Subject: Report ready: Weekly <S48>"), "the technician reads English")
            #expect(mail.raw.contains("multipart/mixed") && mail.raw.contains("multipart/alternative"))
            #expect(mail.raw.contains("Content-Disposition: attachment; filename=\"weekly-s48.pdf\""))
            #expect(mail.raw.contains(Data(Self.pdf).base64EncodedString()))
            #expect(try await fixture.count("SELECT count(*)::int8 FROM inbox_notifications WHERE user_id = '\(fixture.technician)' AND read_at IS NULL") == 1)
            // The sink has the mail a moment before the worker records the delivery.
            try await eventually { try await fixture.count("SELECT count(*)::int8 FROM notification_deliveries WHERE status = 'delivered'") == 1 }
        }
    }

    @Test("a redelivered message sends nothing twice")
    func redelivery() async throws {
        try await NotifyFixture.run { fixture in
            let body = Array(try JSONEncoder().encode(NotifySendCommand(
                eventType: NotificationEventType.message, userIDs: [fixture.technician.uuidString], values: ["title": "Once", "body": "only once"]
            )))
            let messageID = UUID().uuidString
            try await fixture.publish(body: body, type: NotifySendCommand.type, messageID: messageID)
            try await fixture.publish(body: body, type: NotifySendCommand.type, messageID: messageID)
            try await eventually { try await fixture.connection.inspectQueue(name: fixture.queue).messageCount == 0 }
            try await eventually { try fixture.smtp.mails().count >= 1 }
            // The second copy was consumed too: the inbox table shows one effect for the id.
            try await eventually { try await fixture.count("SELECT count(*)::int8 FROM inbox WHERE message_id = '\(messageID)'") == 1 }
            try await Task.sleep(for: .milliseconds(300))
            #expect(try fixture.smtp.mails().count == 1)
            #expect(try await fixture.count("SELECT count(*)::int8 FROM inbox_notifications") == 1)
            #expect(try await fixture.count("SELECT count(*)::int8 FROM notification_deliveries") == 1)
        }
    }

    @Test("quiet hours hold email but not the inbox; critical goes through at once")
    func quietHours() async throws {
        try await NotifyFixture.run { fixture in
            var utc = Calendar(identifier: .gregorian)
            utc.timeZone = TimeZone(identifier: "UTC")!
            let minute = utc.component(.hour, from: Date()) * 60 + utc.component(.minute, from: Date())
            try await fixture.pool.query("""
                INSERT INTO notification_settings (user_id, time_zone, quiet_start, quiet_end)
                VALUES (\(fixture.technician), 'UTC', \((minute + 1380) % 1440), \((minute + 60) % 1440))
                """)
            try await fixture.send(NotifySendCommand(
                eventType: NotificationEventType.message, priority: .high, userIDs: [fixture.technician.uuidString], values: ["title": "Held", "body": "b"]
            ))
            try await eventually { try await fixture.count("SELECT count(*)::int8 FROM inbox_notifications") == 1 }
            #expect(try await fixture.count("""
                SELECT count(*)::int8 FROM notification_deliveries WHERE status = 'pending' AND next_attempt_at > now() + interval '30 minutes'
                """) == 1)
            try await fixture.send(NotifySendCommand(
                eventType: NotificationEventType.message, priority: .critical, userIDs: [fixture.technician.uuidString], values: ["title": "Urgent", "body": "b"]
            ))
            try await eventually { try fixture.smtp.mails().count == 1 }
            #expect(try fixture.smtp.mails()[0].raw.contains("Subject: Urgent"))
        }
    }

    @Test("low-priority events wait for the digest, which sends them together in one mail")
    func digests() async throws {
        try await NotifyFixture.run { fixture in
            for site in ["Gare Nord", "Pont Sud"] {
                try await fixture.send(PhotoProcessedEvent(userID: fixture.technician.uuidString, siteName: site))
            }
            try await eventually { try await fixture.count("SELECT count(*)::int8 FROM notification_digest_items") == 2 }
            #expect(try await fixture.count("SELECT count(*)::int8 FROM inbox_notifications") == 2, "the inbox is not batched")
            #expect(try fixture.smtp.mails().isEmpty)
            try await fixture.dispatcher.flushDigests(pool: fixture.pool, now: Date().addingTimeInterval(2 * 86_400))
            try await eventually { try fixture.smtp.mails().count == 1 }
            let digest = try fixture.smtp.mails()[0].raw
            #expect(digest.contains("Subject: Your FieldOps360 digest: 2 notification(s)"))
            let text = try #require(Self.decodedParts(digest).first)
            #expect(text.contains("Photo processed: Gare Nord") && text.contains("Photo processed: Pont Sud"))
            #expect(try await fixture.count("SELECT count(*)::int8 FROM notification_digest_items") == 0)
        }
    }

    @Test("preferences turn a channel off for an event type")
    func preferencesRespected() async throws {
        try await NotifyFixture.run { fixture in
            try await fixture.pool.query("""
                INSERT INTO notification_preferences (user_id, channel, event_type, mode) VALUES (\(fixture.technician), 'email', 'message', 'off')
                """)
            try await fixture.send(NotifySendCommand(
                eventType: NotificationEventType.message, userIDs: [fixture.technician.uuidString, fixture.manager.uuidString], values: ["title": "T", "body": "b"]
            ))
            try await eventually { try fixture.smtp.mails().count == 1 }
            #expect(try fixture.smtp.mails()[0].rcptTos == [NotifyFixture.email(fixture.manager)])
            #expect(try await fixture.count("SELECT count(*)::int8 FROM inbox_notifications") == 2)
        }
    }

    @Test("a strategic alert is raised once per condition until it clears, then again")
    func alerts() async throws {
        try await NotifyFixture.run { fixture in
            let late = AlertFacts(interventions: [.init(id: "i-1", title: "Raccordement", siteName: "<b>Lyon</b>", slaDueAt: Date().addingTimeInterval(-3600))])
            let alertsOfManager = "SELECT count(*)::int8 FROM inbox_notifications WHERE event_type = 'alert.raised' AND user_id = '\(fixture.manager)'"
            try await fixture.send(NotifyAlertsEvaluateCommand(facts: late))
            try await fixture.send(NotifyAlertsEvaluateCommand(facts: late))
            try await eventually { try await fixture.count("SELECT count(*)::int8 FROM inbox WHERE queue = '\(fixture.queue)'") == 2 }
            #expect(try await fixture.count(alertsOfManager) == 1)
            #expect(try await fixture.count("SELECT count(*)::int8 FROM inbox_notifications WHERE user_id = '\(fixture.technician)'") == 0)
            try await fixture.send(NotifyAlertsEvaluateCommand(facts: AlertFacts(interventions: [])))
            try await eventually { try await fixture.count("SELECT count(*)::int8 FROM alert_states") == 0 }
            try await fixture.send(NotifyAlertsEvaluateCommand(facts: late))
            try await eventually { try await fixture.count(alertsOfManager) == 2 }
            try await eventually { try fixture.smtp.mails(to: NotifyFixture.email(fixture.manager)).count == 2 }
            let html = try #require(Self.decodedParts(fixture.smtp.mails()[0].raw).last)
            #expect(html.contains("&lt;b&gt;Lyon&lt;/b&gt;") && !html.contains("<b>Lyon</b>"))
        }
    }

    @Test("the dispatch loop alerts managers of an intervention past its SLA once, and clears when it is done")
    func lateInterventionFromTheDatabase() async throws {
        try await NotifyFixture.run { fixture in
            let site = try await fixture.pool.query("""
                INSERT INTO sites (code, name, site_type, client_name, latitude, longitude) VALUES ('S-1', 'Gare Nord', 'network', 'SNCF', 48.88, 2.35)
                RETURNING id
                """).decode((UUID).self)[0]
            let intervention = try await fixture.pool.query("""
                INSERT INTO interventions (site_id, work_type, title, estimated_minutes, sla_due_at, status)
                VALUES (\(site), (SELECT code FROM work_types ORDER BY code LIMIT 1), 'Raccordement TGBT', 60, now() - interval '2 hours', 'planned')
                RETURNING id
                """).decode((UUID).self)[0]
            let loop = fixture.dispatchLoop()
            await loop.pass()
            await loop.pass()
            let alerts = "SELECT count(*)::int8 FROM inbox_notifications WHERE event_type = 'alert.raised' AND user_id = '\(fixture.manager)'"
            #expect(try await fixture.count(alerts) == 1)
            #expect(try await fixture.count("SELECT count(*)::int8 FROM alert_states WHERE condition_key = 'intervention_late:\(intervention.uuidString.lowercased())'") == 1)
            try await fixture.pool.query("UPDATE interventions SET status = 'done' WHERE id = \(intervention)")
            await loop.pass()
            #expect(try await fixture.count("SELECT count(*)::int8 FROM alert_states") == 0)
            #expect(try await fixture.count(alerts) == 1)
        }
    }

    @Test("the dispatch loop reads low stock, maintenance due and expiring certifications from the database and alerts once each")
    func strategicFactsFromTheDatabase() async throws {
        try await NotifyFixture.run { fixture in
            let depot = try await fixture.pool.query("INSERT INTO depots (name) VALUES ('Dépôt Sud') RETURNING id").decode(UUID.self)[0]
            let material = try await fixture.pool.query("SELECT reference FROM materials ORDER BY reference LIMIT 1").decode(String.self)[0]
            try await fixture.pool.query("UPDATE materials SET low_stock_threshold = 10 WHERE reference = \(material)")
            try await fixture.pool.query("INSERT INTO stock_levels (material, depot_id, quantity) VALUES (\(material), \(depot), 4)")
            let equipment = try await fixture.pool.query("""
                INSERT INTO equipment (name, category, next_maintenance_on) VALUES ('Nacelle 12 m', 'levage', current_date + 3) RETURNING id
                """).decode(UUID.self)[0]
            let technician = try await fixture.pool.query("INSERT INTO technicians (full_name) VALUES ('Léa Martin') RETURNING id").decode(UUID.self)[0]
            let skill = try await fixture.pool.query("SELECT code FROM skills ORDER BY code LIMIT 1").decode(String.self)[0]
            try await fixture.pool.query("""
                INSERT INTO technician_skills (technician_id, skill, certified_until) VALUES (\(technician), \(skill), current_date + 10)
                """)
            let loop = fixture.dispatchLoop()
            await loop.pass()
            await loop.pass()
            let keys: [String] = try await fixture.pool.query("SELECT condition_key FROM alert_states").decode(String.self)
            #expect(keys.contains { $0.hasPrefix("low_stock:") })
            #expect(keys.contains("maintenance_due:\(equipment.uuidString.lowercased())"))
            #expect(keys.contains { $0.hasPrefix("certification_expiring:") })
            let alerts = "SELECT count(*)::int8 FROM inbox_notifications WHERE event_type = 'alert.raised' AND user_id = '\(fixture.manager)'"
            #expect(try await fixture.count(alerts) == 3, "one alert per condition, not one per pass")

            try await fixture.pool.query("UPDATE stock_levels SET quantity = 50")
            await loop.pass()
            #expect(try await fixture.count("SELECT count(*)::int8 FROM alert_states WHERE condition_key LIKE 'low_stock:%'") == 0, "a restocked depot clears")
        }
    }

    @Test("an undecodable or invalid message is parked with its reason")
    func parking() async throws {
        try await NotifyFixture.run { fixture in
            try await fixture.send(NotifySendCommand(eventType: "nope", userIDs: ["not-a-uuid"]))
            let parked = try await fixture.connection.take(1, from: fixture.queue + ".dead")
            guard case .string(let reason)? = parked.first?.properties.headers?[MeshHeader.parkReason] else {
                Issue.record("no park reason")
                return
            }
            #expect(reason.contains("event_type") && reason.contains("user_ids.0"))
        }
    }

    /// The base64 parts of a MIME message, decoded, in order.
    static func decodedParts(_ raw: String) -> [String] {
        raw.components(separatedBy: "Content-Transfer-Encoding: base64\r\n\r\n").dropFirst().map { part in
            let encoded = part.prefix { $0 != "-" }.replacingOccurrences(of: "\r\n", with: "")
            return String(decoding: Data(base64Encoded: encoded) ?? Data(), as: UTF8.self)
        }
    }
}
