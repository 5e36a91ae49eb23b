import Scheduling
import Testing

@Suite("DurationModel")
struct DurationModelTests {
    /// History where boiler work in hospitals takes 50 % longer, technician "slow" takes 30 % longer,
    /// everything else runs 10 % over the template, with noise and a few forgotten clock-outs.
    func history(count: Int, seed: UInt64) -> [DurationObservation] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            let workType = ["boiler", "socket", "meter"].randomElement(using: &generator)!
            let siteType = ["hospital", "office", "home"].randomElement(using: &generator)!
            let technician = ["slow", "t1", "t2", "t3"].randomElement(using: &generator)!
            let template = ["boiler": 90, "socket": 30, "meter": 45][workType]!
            var factor = 1.1 * (workType == "boiler" && siteType == "hospital" ? 1.5 : 1) * (technician == "slow" ? 1.3 : 1)
            factor *= Double.random(in: 0.85...1.15, using: &generator)
            if Int.random(in: 0..<50, using: &generator) == 0 { factor *= 8 }
            return DurationObservation(workType: workType, siteType: siteType, technicianID: technician,
                                       templateMinutes: template, actualMinutes: Int((Double(template) * factor).rounded()))
        }
    }

    @Test("on held-out history the model beats the template estimate")
    func beatsTemplate() {
        let evaluation = DurationEvaluation(history: history(count: 2000, seed: 1))
        #expect(evaluation.count == 400)
        // The forgotten clock-outs weigh the same on both; the rest of the error nearly vanishes.
        #expect(evaluation.modelMeanAbsoluteError < evaluation.templateMeanAbsoluteError * 0.7)
    }

    @Test("the learned effects show in predictions")
    func effects() {
        let model = DurationModel.fit(history(count: 3000, seed: 2))
        let hospitalBoiler = model.predict(workType: "boiler", siteType: "hospital", technicianID: "t1", templateMinutes: 90)
        let officeBoiler = model.predict(workType: "boiler", siteType: "office", technicianID: "t1", templateMinutes: 90)
        let slow = model.predict(workType: "socket", siteType: "home", technicianID: "slow", templateMinutes: 30)
        let usual = model.predict(workType: "socket", siteType: "home", technicianID: "t2", templateMinutes: 30)
        #expect(abs(Double(hospitalBoiler) - 90 * 1.1 * 1.5) <= 4)
        #expect(abs(Double(officeBoiler) - 90 * 1.1) <= 4)
        #expect(abs(Double(slow) / Double(usual) - 1.3) < 0.1)
    }

    @Test("few observations are shrunk toward the parent; unknown groups fall back to it")
    func shrinkage() {
        var observations = history(count: 1000, seed: 3)
        observations.append(DurationObservation(workType: "rare", siteType: "home", technicianID: "t1", templateMinutes: 60, actualMinutes: 240))
        let model = DurationModel.fit(observations)
        let rare = model.predict(workType: "rare", siteType: "home", technicianID: nil, templateMinutes: 60)
        #expect(rare > 66 && rare < 120, "one 4× observation moves the estimate, but not all the way")
        #expect(model.predict(workType: "unknown", siteType: "moon", technicianID: "nobody", templateMinutes: 100) > 100)
        #expect(DurationModel.fit([]).predict(workType: "x", siteType: "y", technicianID: nil, templateMinutes: 45) == 45)
    }
}
