import ReportRendering
import Testing

@Suite struct CellTextTests {
    @Test func numbersReadFrenchInDocumentsAndPlainInCSV() {
        #expect(CellText.display(.number(1234567.125), format: .currency) == "1\u{202F}234\u{202F}567,13 €")
        #expect(CellText.display(.number(-0.004), format: .hours) == "0,00 h")
        #expect(CellText.display(.number(0.256), format: .percent) == "25,6 %")
        #expect(CellText.machine(.number(1234.5), format: .currency) == "1234.50")
        #expect(CellText.machine(.number(-2), format: .integer) == "-2")
    }

    @Test func datesConvertFromDaysAndSeconds() {
        #expect(CivilDate(daysSince1970: 0).iso == "1970-01-01")
        #expect(CivilDate(daysSince1970: 20_791).iso == "2026-12-04")
        #expect(CivilDate(daysSince1970: -1).iso == "1969-12-31")
        #expect(CivilDate(daysSince1970: 11_016).iso == "2000-02-29")
        let time = CivilDateTime(secondsSince1970: 1_796_371_500)
        #expect(time.display == "04/12/2026 08:05")
    }
}
