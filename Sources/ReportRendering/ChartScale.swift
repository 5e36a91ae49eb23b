/// A value axis with round tick marks: 0 to `top` in steps of `step` (1, 2 or 5 × 10ⁿ).
struct ChartScale: Equatable {
    let top: Double
    let step: Double

    init(maximum: Double, ticks: Int = 4) {
        guard maximum.isFinite, maximum > 0 else {
            (top, step) = (1, 0.25)
            return
        }
        let rough = maximum / Double(ticks)
        var magnitude = 1.0
        while magnitude * 10 <= rough { magnitude *= 10 }
        while magnitude > rough { magnitude /= 10 }
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
        self.step = step
        top = (maximum / step).rounded(.up) * step
    }

    var tickValues: [Double] {
        stride(from: 0, through: top + step / 2, by: step).map { $0 }
    }
}
