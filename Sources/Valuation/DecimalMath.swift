import Foundation

/// High-precision elementary functions on `Decimal` (38 significant digits), so discount factors
/// such as `1.035 ^ (731 / 365.25)` are computed without ever passing through a binary `Double`.
///
/// `ln` uses the series `ln x = 2·atanh((x−1)/(x+1))` after scaling `x` by powers of two into
/// [0.5, 2]; `exp` halves its argument until it is below 0.01, sums the Taylor series and squares
/// back. Both stop when a term falls below 10⁻⁴⁰, far below the penny the results are rounded to.
package enum DecimalMath {
    static let epsilon = Decimal(sign: .plus, exponent: -40, significand: 1)

    /// Natural logarithm of a positive `x`.
    package static func ln(_ x: Decimal) -> Decimal {
        precondition(x > 0, "ln of a non-positive number")
        var m = x
        var twos = 0
        while m > 2 { m = m / 2; twos += 1 }
        while m < Decimal(string: "0.5")! { m = m * 2; twos -= 1 }
        let core = atanhSeries((m - 1) / (m + 1)) * 2
        return twos == 0 ? core : core + Decimal(twos) * ln2
    }

    /// `e` raised to `x`.
    package static func exp(_ x: Decimal) -> Decimal {
        if x == 0 { return 1 }
        if x < 0 { return 1 / exp(-x) }
        var r = x
        var halvings = 0
        while r > Decimal(string: "0.01")! { r = r / 2; halvings += 1 }
        var sum = Decimal(1), term = Decimal(1)
        var n = 1
        while n < 200 {
            term = term * r / Decimal(n)
            sum += term
            if term < epsilon { break }
            n += 1
        }
        for _ in 0..<halvings { sum = sum * sum }
        return sum
    }

    /// `base` raised to a real `exponent`, for positive `base`.
    package static func power(_ base: Decimal, _ exponent: Decimal) -> Decimal {
        if exponent == 0 { return 1 }
        if base == 1 { return 1 }
        // A whole exponent (e.g. exactly four years: 1461 days) is done by exact multiplication.
        var whole = exponent, rounded = Decimal()
        NSDecimalRound(&rounded, &whole, 0, .plain)
        if rounded == exponent, rounded.magnitude <= 1000 {
            var result = Decimal(1)
            for _ in 0..<NSDecimalNumber(decimal: rounded.magnitude).intValue { result *= base }
            return exponent < 0 ? 1 / result : result
        }
        return exp(exponent * ln(base))
    }

    static let ln2: Decimal = atanhSeries(Decimal(1) / Decimal(3)) * 2

    /// `atanh(y) = y + y³/3 + y⁵/5 + …` for |y| ≤ 1/3.
    static func atanhSeries(_ y: Decimal) -> Decimal {
        let y2 = y * y
        var power = y
        var sum = y
        var k = 3
        while k < 400 {
            power = power * y2
            let term = power / Decimal(k)
            sum += term
            if term.magnitude < epsilon { break }
            k += 2
        }
        return sum
    }
}
