import CapitalCore
import Foundation

/// The register's database constraints, checked per row before COPY so that a value the schema
/// refuses becomes a row-level issue instead of aborting the whole import at the merge.
enum RegisterConstraints {
    static let earliestInstall = CalendarDate(year: 1950, month: 1, day: 1)!
    static let maxMoney: Int64 = 999_999_999_999_999 // numeric(15,2) in pence

    static func apply(_ a: inout CanonicalAsset, file: String, header: (CanonicalField) -> String) -> [ValidationIssue] {
        var out: [ValidationIssue] = []
        func add(_ f: CanonicalField, _ v: String, _ rule: ValidationRule, _ m: String, _ s: Severity) {
            out.append(ValidationIssue(file: file, row: a.sourceRow, column: header(f), value: v, rule: rule, message: m, severity: s))
        }
        if let d = a.installDate, d < earliestInstall {
            add(.installDate, d.iso, .invalidDate, "install date \(d.iso) is before 1950: a misread date? The register accepts 1950 onwards", .error)
        }
        func money(_ field: CanonicalField, _ value: Pence?) {
            if let p = value, p.value > maxMoney {
                add(field, p.plain, .invalidMoney, "£\(p.plain) is too large for the register (at most £9,999,999,999,999.99)", .error)
            }
        }
        money(.purchaseCost, a.purchaseCost)
        money(.netBookValue, a.netBookValue)
        money(.contractAnnualCost, a.contractAnnualCost)
        if !(1...50).contains(a.expectedLifeYears) {
            add(.expectedLife, String(a.expectedLifeYears), .invalidNumber,
                "expected life of \(a.expectedLifeYears) years is outside 1–50; the \(a.modality.rawValue) default of \(a.modality.defaultLifeYears) years is used", .warning)
            a.expectedLifeYears = a.modality.defaultLifeYears
        }
        if let s = a.endOfManufacturerSupport, let i = a.installDate, s < i {
            add(.endOfSupport, s.iso, .invalidDate, "end of support \(s.iso) is before the install date \(i.iso); left empty", .warning)
            a.endOfManufacturerSupport = nil
        }
        if let n = a.netBookValue, let c = a.purchaseCost, n > c {
            add(.netBookValue, n.plain, .invalidMoney, "net book value £\(n.plain) is more than the purchase cost £\(c.plain); left empty", .warning)
            a.netBookValue = nil
        }
        if let d = a.downtimeHoursLastYear, d > 9_999_999 {
            add(.downtime, String(d), .invalidNumber, "downtime of \(d) hours is not plausible; left empty", .warning)
            a.downtimeHoursLastYear = nil
        }
        if let f = a.failuresLastYear, f > Int(Int32.max) { // the column is an integer
            add(.failures, String(f), .invalidNumber, "\(f) failures in a year is not plausible; left empty", .warning)
            a.failuresLastYear = nil
        }
        return out
    }
}
