import Commands
import Foundation
import Postgres
import ReportRendering
import Reports
import TestSupport
import Testing

@Suite("Report content from a provisioned tenant", .timeLimit(.minutes(3)))
struct ReportContentTests {
    @Test func theInvoiceExportAddsUpToTheDatabase() async throws {
        try await ReportsFixture.run { fixture in
            let path = ReportsFixture.temporaryPath(".csv")
            defer { try? FileManager.default.removeItem(atPath: path) }
            let result = try await fixture.render(ReportRenderCommand(report: .invoice, format: .csv, from: "2026-11-16", to: "2026-11-17"), to: path)
            #expect(result.rows == 7)  // 4 labour days (technician × site × day) + 3 consumptions
            let records = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(records.first == "Date,Client,Chantier,Nature,Désignation,Quantité,Unité,Prix unitaire,Montant HT")
            #expect(records.contains("2026-11-16,Société d'HLM Émeraude,CH-001,Main-d'œuvre,Élodie Marchand-Lefèvre,9.00,h,40.00,360.00"))
            let amounts = records.dropFirst().compactMap { Double($0.split(separator: ",").last!) }
            #expect(amounts.count == 7)
            #expect(abs(amounts.reduce(0, +) - 1594.40) < 0.001)
            let database = try await fixture.pool.query("""
                SELECT (SELECT sum(quantity * unit_cost) FROM material_consumptions)::float8
                """).first!.decode(Double.self, at: 0)
            #expect(abs(database - 855.90) < 0.001)
        }
    }

    @Test func theInvoicePDFShowsTotalsVATAndEveryLine() async throws {
        try await ReportsFixture.run { fixture in
            let path = ReportsFixture.temporaryPath(".pdf")
            defer { try? FileManager.default.removeItem(atPath: path) }
            var settings = ReportSettings()
            settings.cursorBatchSize = 2  // several FETCHes even for a small report
            _ = try await fixture.render(ReportRenderCommand(report: .invoice, format: .pdf, from: "2026-11-16", to: "2026-11-17"), settings: settings, to: path)
            let text = try await ExternalTool.run("pdftotext", ["-layout", path, "-"])
            for figure in ["1 594,40 €", "318,88 €", "1 913,28 €", "267,97 €", "50,91 €", "Béton prêt à l'emploi C25/30 (INT-T-1)"] {
                #expect(text.contains(figure), "missing \(figure)")
            }
        }
    }

    @Test func timesheetsCountBreaksAndOvertimePastTheDailyThreshold() async throws {
        try await ReportsFixture.run { fixture in
            let path = ReportsFixture.temporaryPath(".csv")
            defer { try? FileManager.default.removeItem(atPath: path) }
            let command = ReportRenderCommand(report: .timesheet, format: .csv, from: "2026-11-16", to: "2026-11-17")
            _ = try await fixture.render(command, to: path)
            let records = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\r\n")
            #expect(records.contains("Élodie Marchand-Lefèvre,2026-11-16,CH-001,2026-11-16 07:00,2026-11-16 17:00,1.00,9.00,2.00"))
            #expect(records.contains("\"Jérôme Dupré\",2026-11-16,\"CH-001, CH-002\",2026-11-16 08:00,2026-11-16 16:00,0.00,7.00,0.00")
                || records.contains("Jérôme Dupré,2026-11-16,\"CH-001, CH-002\",2026-11-16 08:00,2026-11-16 16:00,0.00,7.00,0.00"))
            #expect(records.contains("Élodie Marchand-Lefèvre,2026-11-17,CH-002,2026-11-17 08:00,2026-11-17 11:15,0.00,3.25,0.00"))

            _ = try await fixture.render(command, settings: ReportSettings(overtimeAfterHoursPerDay: 6), to: path)
            let stricter = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\r\n")
            #expect(stricter.contains { $0.hasPrefix("Jérôme Dupré,2026-11-16,") && $0.hasSuffix(",7.00,1.00") })
        }
    }

    @Test func theDailySiteReportListsPeopleWorkMaterialsIncidentsAndSignatures() async throws {
        try await ReportsFixture.run { fixture in
            let site = try await fixture.id("SELECT id FROM sites WHERE code = 'CH-001'")
            let path = ReportsFixture.temporaryPath(".pdf")
            defer { try? FileManager.default.removeItem(atPath: path) }
            let result = try await fixture.render(
                ReportRenderCommand(report: .dailySite, format: .pdf, from: "2026-11-16", to: "2026-11-16", siteID: site), to: path
            )
            let pages = try #require(result.pages)
            let text = try await ExternalTool.run("pdftotext", ["-layout", path, "-"])
            for expected in [
                "Rapport journalier de chantier", "CH-001 — Résidence Les Tilleuls", "Élodie Marchand-Lefèvre", "Jérôme Dupré", "13,50 h",
                "Coulage dalle R+1", "Pose menuiseries", "Béton prêt à l'emploi C25/30", "820,10 €", "Averse orageuse", "Hélène d'Arçais",
                "16/11/2026 07:00", "page 1 / \(pages)", "page \(pages) / \(pages)",
            ] {
                #expect(text.contains(expected), "missing \(expected)")
            }
            #expect(!text.contains("Reprise enduit façade"), "another site's work leaked in")

            // Look at the first page as a reader would.
            let preview = ReportsFixture.temporaryPath("")
            _ = try await ExternalTool.run("pdftoppm", ["-r", "50", "-f", "1", "-l", "1", "-png", path, preview])
            #expect(FileManager.default.fileExists(atPath: preview + "-1.png"))
            try? FileManager.default.removeItem(atPath: preview + "-1.png")
        }
    }

    @Test func theInterventionReportHasTheChecklistMaterialsAndTheClientSignature() async throws {
        try await ReportsFixture.run { fixture in
            let intervention = try await fixture.id("SELECT id FROM interventions WHERE reference = 'INT-T-1'")
            let path = ReportsFixture.temporaryPath(".xlsx")
            defer { try? FileManager.default.removeItem(atPath: path) }
            _ = try await fixture.render(
                ReportRenderCommand(report: .intervention, format: .xlsx, from: "2026-11-16", to: "2026-11-16", interventionID: intervention), to: path
            )
            let script = """
                import json, sys, openpyxl
                book = openpyxl.load_workbook(sys.argv[1])
                cells = {name: [[c for c in row] for row in book[name].iter_rows(values_only=True)] for name in book.sheetnames}
                print(json.dumps({"sheets": book.sheetnames, "cells": cells}, default=str))
                """
            let output = try await ExternalTool.run("python", ["-c", script, path])
            let values = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
            #expect(values["sheets"] as? [String] == ["Intervention", "Points de contrôle", "Matériaux", "Signatures"])
            let cells = try #require(values["cells"] as? [String: [[Any]]])
            let checklist = try #require(cells["Points de contrôle"])
            #expect(checklist.contains { row in row.contains { $0 as? String == "oui" } })
            let signatures = try #require(cells["Signatures"])
            #expect(signatures.contains { row in row.first as? String == "Hélène d'Arçais" })
            let materials = try #require(cells["Matériaux"])
            #expect(materials.contains { row in row.first as? String == "Total" && row.contains { $0 as? String == "=SUM(E5:E6)" } })
        }
    }

    @Test func theWeeklySummaryShowsTheKPIsChartsAndProfitability() async throws {
        try await ReportsFixture.run { fixture in
            let path = ReportsFixture.temporaryPath(".pdf")
            defer { try? FileManager.default.removeItem(atPath: path) }
            _ = try await fixture.render(ReportRenderCommand(report: .weekly, format: .pdf, from: "2026-11-16", to: "2026-11-22"), to: path)
            let text = try await ExternalTool.run("pdftotext", ["-layout", path, "-"])
            for expected in [
                "Synthèse hebdomadaire", "Interventions terminées", "Heures travaillées par jour", "Interventions terminées par jour",
                "738,50 €", "855,90 €", "2 / 3", "Rentabilité par chantier", "CH-002 — École Jean-Jaurès", "Budget et coût à date", "16/11",
            ] {
                #expect(text.contains(expected), "missing \(expected)")
            }
        }
    }

    @Test func aSiteOrInterventionOfAnotherTenantIsNotFound() async throws {
        try await ReportsFixture.run { fixture in
            let foreign = UUID().uuidString.lowercased()
            let path = ReportsFixture.temporaryPath(".pdf")
            defer { try? FileManager.default.removeItem(atPath: path) }
            await #expect(throws: ReportError.notFound("site \(foreign)")) {
                try await fixture.render(ReportRenderCommand(report: .dailySite, format: .pdf, from: "2026-11-16", to: "2026-11-16", siteID: foreign), to: path)
            }
            await #expect(throws: ReportError.notFound("intervention \(foreign)")) {
                try await fixture.render(ReportRenderCommand(report: .intervention, format: .pdf, from: "2026-11-16", to: "2026-11-16", interventionID: foreign), to: path)
            }
        }
    }

    @Test func aThousandLineExportStreamsAcrossPagesWithoutLosingALine() async throws {
        try await ReportsFixture.run { fixture in
            try await fixture.pool.query("""
                INSERT INTO material_consumptions (intervention_id, material, quantity, unit_cost, created_at)
                SELECT (SELECT id FROM interventions WHERE reference = 'INT-T-1'), 'PAR-B20', n, 1.25, '2026-11-16 09:00Z'
                FROM generate_series(1, 1200) AS n
                """)
            let path = ReportsFixture.temporaryPath(".pdf")
            defer { try? FileManager.default.removeItem(atPath: path) }
            let result = try await fixture.render(ReportRenderCommand(report: .invoice, format: .pdf, from: "2026-11-16", to: "2026-11-17"), to: path)
            #expect(result.rows == 2 + 1207)  // the per-site summary, then every line
            let pages = try #require(result.pages)
            #expect(pages > 20)
            let text = try await ExternalTool.run("pdftotext", ["-layout", path, "-"])
            #expect(text.components(separatedBy: "Parpaing creux 20x20x50 (INT-T-1)").count - 1 == 1200)
            #expect(text.contains("page \(pages) / \(pages)"))
            // 855.90 + 1.25 × (1 + … + 1200) = 855.90 + 900,750.00 materials, plus 738.50 labour.
            #expect(text.contains("902 344,40 €"))
        }
    }
}
