import CapitalCore
import Foundation

/// A deterministic contributions file for a sample network, for the demo and the tests.
///
/// Each trust gets plausible figures scaled by its size (its number of register assets): activity
/// volumes for CT, MRI and plain X-ray, staff and executive costs, some land, an initial and a
/// later investment, IT equipment, working capital, stranded costs and its cost base. The figures
/// are invented; the same seed always writes the same file, byte for byte.
public enum SampleContributions {
    /// - Parameter activity: scans a year per trust for CT, MRI, XR and US (the demo derives them from each trust's
    ///   units and their capacity, so that the plan's demand matches the fleet); a trust without an entry gets
    ///   figures scaled by its size.
    public static func yaml(formed: CalendarDate, trusts: [(code: String, assets: Int)], seed: UInt64,
                            activity: [String: [Modality: Int64]] = [:]) -> String {
        var random = SplitMix64(seed: seed ^ 0x5EED_C0DE)
        func next() -> UInt64 { random.next() }
        /// A whole number of pounds around `base × size`, ±20%, rounded to £1,000.
        func pounds(_ base: Int64, _ size: Double) -> String {
            let jitter = 0.8 + Double(next() % 4001) / 10_000.0
            let value = Int64((Double(base) * size * jitter / 1000).rounded()) * 1000
            return "\(value).00"
        }
        func count(_ base: Int64, _ size: Double) -> Int64 {
            let jitter = 0.8 + Double(next() % 4001) / 10_000.0
            return Int64((Double(base) * size * jitter / 100).rounded()) * 100
        }
        var lines = [
            "# Sample contributions (invented figures), written by capital for its demo network.",
            "formed: \(formed.iso)",
            "discount_rate: 0.035",
            "price_list: {CT: 85.00, MRI: 140.00, XR: 22.00, US: 45.00}",
            "trusts:",
        ]
        let mean = max(1, Double(trusts.map(\.assets).reduce(0, +)) / Double(max(1, trusts.count)))
        for trust in trusts.sorted(by: { $0.code < $1.code }) {
            let size = max(0.2, Double(trust.assets) / mean)
            func activityText(_ code: String) -> String {
                guard let given = activity[code] else {
                    return "{CT: \(count(50_000, size)), MRI: \(count(20_000, size)), XR: \(count(240_000, size)), US: \(count(90_000, size))}"
                }
                let parts = [Modality.ct, .mri, .generalRadiography, .ultrasound].compactMap { m in
                    given[m].map { "\(m.rawValue): \($0)" }
                }
                return "{" + parts.joined(separator: ", ") + "}"
            }
            let pay = pounds(9_000_000, size)
            let nonPay = pounds(3_000_000, size)
            let payValue = Int64(pay.dropLast(3))!, nonPayValue = Int64(nonPay.dropLast(3))!
            let operating = "\(payValue + nonPayValue + Int64(pounds(1_500_000, size).dropLast(3))!).00"
            lines += [
                "  \(trust.code):",
                "    activity: " + activityText(trust.code),
                "    staff: \(pounds(4_000_000, size))",
                "    executive: \(pounds(300_000, 1))",
                "    land: \(next() % 3 == 0 ? "0.00" : pounds(1_000_000, size))",
                "    investments:",
                "      - {amount: \(pounds(1_500_000, size)), date: \(formed.adding(months: 1).iso)}",
                "      - {amount: \(pounds(1_000_000, size)), date: \(formed.adding(years: 2).iso)}",
                "    it_equipment: \(pounds(250_000, size))",
                "    working_capital: \(pounds(400_000, size))",
                "    stranded_costs: \(next() % 2 == 0 ? "0.00" : pounds(200_000, size))",
                "    costs: {pay: \(pay), non_pay: \(nonPay), operating: \(operating)}",
            ]
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
