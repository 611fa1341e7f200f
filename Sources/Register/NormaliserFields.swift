import CapitalCore

/// Field-level readers used by `Normaliser`: each reads one field of the current row, records an issue
/// naming the value when it is wrong, and returns nil rather than a made-up value.
extension Normaliser {
    /// The most money a register value can say, in pence: `numeric(15,2)`, £9,999,999,999,999.99.
    static let maxMoneyPence: Int64 = 999_999_999_999_999

    func date(_ field: CanonicalField) -> CalendarDate? {
        guard let t = text(field) else { return nil }
        switch ValueParsers.date(t, order: profile.dateOrder(for: field)) {
        case .success(let d): return d
        case .failure(let e):
            // Registers often know only the year an asset went in, or the month (issue 15): an install date may be
            // approximate, said in a warning naming the row; any other date field must be a full date.
            if field == .installDate, let (d, kind) = ValueParsers.approximateDate(t, yearOnly: (profile.yearOnlyMonth, profile.yearOnlyDay)) {
                issue(field, t, .approximateDate, (kind == .yearOnly ? "a year only" : "a month and year only")
                      + ": read as \(d.iso) (approximated)", .warning)
                return d
            }
            issue(field, t, .invalidDate, "\"\(t)\" \(e.reason)", .error)
            return nil
        }
    }

    func money(_ field: CanonicalField) -> Pence? {
        guard let t = text(field) else { return nil }
        switch ValueParsers.money(t) {
        case .success(let (p, marker)):
            guard p.value <= Self.maxMoneyPence else {
                issue(field, t, .invalidMoney, "\"\(t)\" is too large (at most £9,999,999,999,999.99)", .error)
                return nil
            }
            let inclusive = marker == .inclusive || (marker == nil && profile.vatInclusive)
            guard inclusive else { return p }
            // Ex VAT = inclusive × 100 / (100 + rate), rounded half up to the penny (at most £10^13 × 200: no overflow).
            let rate = Int64(profile.vatRatePercent)
            return Pence((p.value * 100 * 2 + (100 + rate)) / ((100 + rate) * 2))
        case .failure(let e):
            issue(field, t, e.reason.contains("negative") ? .negativeMoney : .invalidMoney, "\"\(t)\" \(e.reason)", .error)
            return nil
        }
    }

    func count(_ field: CanonicalField) -> Int? {
        guard let t = text(field) else { return nil }
        guard let n = ValueParsers.integer(t), n >= 0 else {
            issue(field, t, .invalidNumber, "\"\(t)\" is not a whole number of zero or more; ignored", .warning)
            return nil
        }
        return n
    }

    func downtimeHours() -> Int? {
        guard let t = text(.downtime) else { return nil }
        guard let tenths = ValueParsers.decimalTenths(t) else {
            issue(.downtime, t, .invalidNumber, "\"\(t)\" is not a number of \(profile.downtimeUnit.rawValue) from 0 to 1,000,000,000,000; ignored", .warning)
            return nil
        }
        return profile.downtimeUnit == .hours ? (tenths + 5) / 10 : (tenths * 24 + 5) / 10
    }

    func flag(_ field: CanonicalField) -> Bool? {
        guard let t = text(field) else { return nil }
        let k = TextKey.make(t)
        if vocab.yesWords.contains(k) { return true }
        if vocab.noWords.contains(k) { return false }
        issue(field, t, .unknownValue, "\"\(t)\" is not a yes/no value; left unknown", .warning)
        return nil
    }

    func criticality(_ modality: Modality) -> (Int, Bool) {
        guard let t = text(.criticality) else { return (modality.defaultCriticality, false) }
        if let n = ValueParsers.integer(t), (1...5).contains(n) { return (n, true) }
        let word: Int?
        if let cached = criticalityCache[t] { word = cached } else {
            word = vocab.criticalityWords[TextKey.make(t)]
            admitToCache(t)
            if criticalityCache.count >= 10_000 { criticalityCache.removeAll() }
            criticalityCache[t] = word
        }
        if let n = word { return (n, true) }
        issue(.criticality, t, .unknownValue, "criticality must be 1–5 or a known word (High, Medium, Low); the \(modality.rawValue) default \(modality.defaultCriticality) is used", .warning)
        return (modality.defaultCriticality, false)
    }

    func expectedLife(install: CalendarDate?, replacement: CalendarDate?, modality: Modality) -> (years: Int, source: LifeSource) {
        if let t = text(.expectedLife) {
            if let n = ValueParsers.integer(t), n > 0, n <= 1_000_000 { // a bound before (n + 6) / 12 can overflow
                let years = profile.lifeUnit == .years ? n : (n + 6) / 12
                if years >= 1 && years <= 40 { return (years, .register) }
            }
            issue(.expectedLife, t, .invalidNumber, "expected life \"\(t)\" (\(profile.lifeUnit.rawValue)) is not usable; the \(modality.rawValue) default of \(modality.defaultLifeYears) years is used", .warning)
        } else if let i = install, let r = replacement, r > i {
            let years = Int((Double(i.days(to: r)) / 365.25).rounded())
            if years >= 1 { return (years, .replacementDate) }
        }
        return (modality.defaultLifeYears, .policyDefault)
    }
}
