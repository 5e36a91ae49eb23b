#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One finished intervention: what the template said, and how long it really took.
public struct DurationObservation: Hashable, Sendable, Codable {
    public var workType: String
    public var siteType: String
    public var technicianID: String
    public var templateMinutes: Int
    public var actualMinutes: Int

    public init(workType: String, siteType: String, technicianID: String, templateMinutes: Int, actualMinutes: Int) {
        self.workType = workType
        self.siteType = siteType
        self.technicianID = technicianID
        self.templateMinutes = templateMinutes
        self.actualMinutes = actualMinutes
    }
}

/// Predicted duration = template × a learned factor, fit as shrunk medians of log(actual ÷ template):
/// overall → per work type → per (work type, site type), each level pulled toward its parent by
/// `shrinkage` pseudo-observations (few observations, little trust), then a per-technician effect
/// (median residual, shrunk toward none). Medians make one forgotten clock-out harmless; working on
/// ratios lets one model serve templates of any length.
public struct DurationModel: Hashable, Sendable, Codable {
    public let shrinkage: Double
    let overall: Double
    let byWorkType: [String: Double]
    let byWorkAndSite: [String: Double]
    let byTechnician: [String: Double]

    public static func fit(_ history: [DurationObservation], shrinkage: Double = 5) -> DurationModel {
        let usable = history.filter { $0.templateMinutes > 0 && $0.actualMinutes > 0 }
        let overall = median(usable.map(\.logRatio)) ?? 0
        let byWorkType = shrunkMedians(usable, key: \.workType, shrinkage: shrinkage) { _ in overall }
        let byWorkAndSite = shrunkMedians(usable, key: \.workAndSiteKey, shrinkage: shrinkage) { byWorkType[$0.workType] ?? overall }
        let partial = DurationModel(shrinkage: shrinkage, overall: overall, byWorkType: byWorkType, byWorkAndSite: byWorkAndSite, byTechnician: [:])
        var residuals: [String: [Double]] = [:]
        for observation in usable {
            residuals[observation.technicianID, default: []].append(observation.logRatio - partial.groupLogFactor(observation.workType, observation.siteType))
        }
        let byTechnician = residuals.mapValues { values in
            Double(values.count) * median(values)! / (Double(values.count) + shrinkage)
        }
        return DurationModel(shrinkage: shrinkage, overall: overall, byWorkType: byWorkType, byWorkAndSite: byWorkAndSite, byTechnician: byTechnician)
    }

    /// Minutes for this work, at least one.
    public func predict(workType: String, siteType: String, technicianID: String?, templateMinutes: Int) -> Int {
        let technicianEffect = technicianID.flatMap { byTechnician[$0] } ?? 0
        let factor = exp(groupLogFactor(workType, siteType) + technicianEffect)
        return max(1, Int((Double(templateMinutes) * factor).rounded()))
    }

    private func groupLogFactor(_ workType: String, _ siteType: String) -> Double {
        byWorkAndSite[DurationObservation.groupKey(workType, siteType)] ?? byWorkType[workType] ?? overall
    }

    private static func shrunkMedians(
        _ observations: [DurationObservation], key: (DurationObservation) -> String, shrinkage: Double,
        parent: (DurationObservation) -> Double
    ) -> [String: Double] {
        Dictionary(grouping: observations, by: key).mapValues { group in
            let count = Double(group.count)
            return (count * median(group.map(\.logRatio))! + shrinkage * parent(group[0])) / (count + shrinkage)
        }
    }
}

/// Mean absolute error, in minutes, of the model and of the plain template on held-out history.
public struct DurationEvaluation: Hashable, Sendable, Codable {
    public let count: Int
    public let modelMeanAbsoluteError: Double
    public let templateMeanAbsoluteError: Double

    /// Fits on the older part of `history` (chronological order) and scores both estimates on the
    /// newest `heldOutFraction` of it, which the model never saw.
    public init(history: [DurationObservation], heldOutFraction: Double = 0.2, shrinkage: Double = 5) {
        let heldOut = min(history.count, max(0, Int((Double(history.count) * heldOutFraction).rounded())))
        let model = DurationModel.fit(Array(history.dropLast(heldOut)), shrinkage: shrinkage)
        let test = history.suffix(heldOut)
        count = test.count
        func meanError(_ estimate: (DurationObservation) -> Int) -> Double {
            test.isEmpty ? 0 : Double(test.reduce(0) { $0 + abs(estimate($1) - $1.actualMinutes) }) / Double(test.count)
        }
        modelMeanAbsoluteError = meanError {
            model.predict(workType: $0.workType, siteType: $0.siteType, technicianID: $0.technicianID, templateMinutes: $0.templateMinutes)
        }
        templateMeanAbsoluteError = meanError(\.templateMinutes)
    }
}

extension DurationObservation {
    var logRatio: Double { log(Double(actualMinutes) / Double(templateMinutes)) }
    var workAndSiteKey: String { Self.groupKey(workType, siteType) }

    static func groupKey(_ workType: String, _ siteType: String) -> String { workType + "\u{1F}" + siteType }
}

private func median(_ values: [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
}
