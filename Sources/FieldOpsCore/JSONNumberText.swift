/// A JSON number's text checked against the JSON grammar
/// (`-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`) and read with the results Foundation's
/// `JSONDecoder` gives. An integer written with a fraction or an exponent is accepted when the
/// nearest double is whole and fits (`1.0`, `1e2`, `1e-400`; not `1.5`), and reads as that double
/// below 2^53 (`6657532869874974.855` as 6657532869874975), as its digits truncated above
/// (`9007199254740993.0` exactly, `1437883626507341262.4` as 1437883626507341262). A float that
/// overflows, or underflows to zero from non-zero digits, is refused.
struct JSONNumberText {
    private let text: ArraySlice<UInt8>
    private let isNegative: Bool
    private let integerDigits: Range<Int>
    private let fractionDigits: Range<Int>
    /// The exponent as written (0 without one), saturated far beyond what any type can hold.
    private let writtenExponent: Int
    private let hasExponent: Bool

    init?(_ text: ArraySlice<UInt8>) {
        self.text = text
        var index = text.startIndex
        func isDigit(_ index: Int) -> Bool {
            index < text.endIndex && text[index] &- UInt8(ascii: "0") < 10
        }
        func skipDigits() {
            while isDigit(index) { index += 1 }
        }
        isNegative = index < text.endIndex && text[index] == UInt8(ascii: "-")
        if isNegative { index += 1 }

        let integerStart = index
        guard isDigit(index) else { return nil }
        if text[index] == UInt8(ascii: "0") { index += 1 } else { skipDigits() }
        integerDigits = integerStart..<index

        var fractionStart = index
        if index < text.endIndex, text[index] == UInt8(ascii: ".") {
            index += 1
            fractionStart = index
            guard isDigit(index) else { return nil }
            skipDigits()
        }
        fractionDigits = fractionStart..<index

        var exponent = 0
        hasExponent = index < text.endIndex && (text[index] == UInt8(ascii: "e") || text[index] == UInt8(ascii: "E"))
        if hasExponent {
            index += 1
            let negative = index < text.endIndex && text[index] == UInt8(ascii: "-")
            if index < text.endIndex, text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") { index += 1 }
            guard isDigit(index) else { return nil }
            while isDigit(index) {
                exponent = min(exponent * 10 + Int(text[index] - UInt8(ascii: "0")), 1_000_000)
                index += 1
            }
            if negative { exponent = -exponent }
        }
        guard index == text.endIndex else { return nil }
        writtenExponent = exponent
    }

    private var digitCount: Int { integerDigits.count + fractionDigits.count }

    /// Digit `position` of the integer digits followed by the fraction digits.
    private func digit(_ position: Int) -> UInt8 {
        let index = position < integerDigits.count ? integerDigits.lowerBound + position : fractionDigits.lowerBound + position - integerDigits.count
        return text[index] - UInt8(ascii: "0")
    }

    /// The integer the text stands for in `T`, or nil (see the type's comment).
    func integer<T: FixedWidthInteger>(as _: T.Type) -> T? {
        if !fractionDigits.isEmpty || hasExponent {
            let nearest = exactlyRounded(Double.self) ?? Double(String(decoding: text, as: UTF8.self))
            guard let nearest, let whole = T(exactly: nearest) else { return nil }
            // Below 2^53 every integer is a double: there Foundation keeps the double's value.
            if nearest.magnitude < 0x20_0000_0000_0000 { return whole }
        }
        return truncatedInteger(as: T.self)
    }

    /// The digits before the decimal point (after applying the exponent), when they fit in `T`.
    private func truncatedInteger<T: FixedWidthInteger>(as _: T.Type) -> T? {
        var count = digitCount
        var power = writtenExponent - fractionDigits.count
        if power < 0 {
            count = max(0, count + power)
            power = 0
        }
        guard (0..<count).contains(where: { digit($0) != 0 }) else { return 0 }
        // A non-zero value times 10^40 fits no integer type.
        guard power <= 40 else { return nil }
        var value: T = 0
        for position in 0..<count {
            guard let next = Self.timesTen(value, adding: digit(position), negative: isNegative) else { return nil }
            value = next
        }
        for _ in 0..<power {
            guard let next = Self.timesTen(value, adding: 0, negative: isNegative) else { return nil }
            value = next
        }
        return value
    }

    /// `value × 10 ± digit`, accumulated with the number's sign so that `T.min` fits.
    private static func timesTen<T: FixedWidthInteger>(_ value: T, adding digit: UInt8, negative: Bool) -> T? {
        let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
        guard !overflow else { return nil }
        let (result, carry) = negative ? shifted.subtractingReportingOverflow(T(digit)) : shifted.addingReportingOverflow(T(digit))
        return carry ? nil : result
    }

    /// The nearest `T`, correctly rounded; nil when it overflows, or is zero although a digit is not.
    func floatingPoint<T: BinaryFloatingPoint & LosslessStringConvertible>(as _: T.Type) -> T? {
        let value = exactlyRounded(T.self) ?? T(String(decoding: text, as: UTF8.self))
        guard let value, value.isFinite else { return nil }
        if value == 0, (0..<digitCount).contains(where: { digit($0) != 0 }) { return nil }
        return value
    }

    /// Clinger's fast path: a significand and a power of ten that are both exact in `T` give a
    /// correctly rounded product or quotient. Nil when the number needs the full conversion.
    private func exactlyRounded<T: BinaryFloatingPoint>(_: T.Type) -> T? {
        let exactPowers = T.significandBitCount >= 52 ? 22 : 10
        let exactSignificand: UInt64 = 1 << (T.significandBitCount + 1)
        var significand: UInt64 = 0
        for position in 0..<digitCount {
            significand = significand * 10 + UInt64(digit(position))
            guard significand <= exactSignificand else { return nil }
        }
        let power = writtenExponent - fractionDigits.count
        guard abs(power) <= exactPowers else { return nil }
        let scale = T(Self.powersOfTen[abs(power)])
        let magnitude = power < 0 ? T(significand) / scale : T(significand) * scale
        return isNegative ? -magnitude : magnitude
    }

    /// 10^0 … 10^22, every one exact in a `Double`.
    private static let powersOfTen: [Double] = (0...22).map { power in (0..<power).reduce(1.0) { product, _ in product * 10 } }
}
