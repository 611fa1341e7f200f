import CapitalCore

/// Checks a chosen plan against the hard rules and the age profile, and prices what would meet them.
///
/// Rules kept:
/// - a breach is listed for every unit and year in which the unit in service breaks a hard rule (``PlanModel``);
/// - the money to meet the rules replaces each breaching unit in the year it first breaks one (and again every
///   `step` years after), at that year's whole price; then, year by year, where a modality's share of units older than
///   the age profile's limit is above target, it replaces the oldest of them until the share is met. Only
///   replacements the plan does not already make are counted, and a later planned replacement they make unneeded is
///   not netted off, so the figure is what it would take on top of this plan, per year;
/// - the age profile counts every active unit and every additional unit once installed, by its age in the year;
/// - units the policy excludes (outside the network's capital) are left out of breaches, shares and the profile.
struct RuleCheck {
    var breaches: [RuleBreach] = []
    var shareBreaches: [ShareBreach] = []
    var moneyToMeetRules: [YearAmount] = []
    var ageProfile: [AgeProfileYear] = []

    init(_ pm: PlanModel, chosen: [ReplacementPattern]) {
        let horizon = pm.policy.horizon
        let policy = pm.policy
        var money = [Int64](repeating: 0, count: horizon.count)
        var virtual = chosen
        func replaceFrom(_ i: Int, _ year: Int) {
            let e = pm.entries[i]
            let chain = Array(stride(from: year, to: horizon.upperBound, by: max(1, e.step)))
            let kept = virtual[i].years.filter { $0 < year }
            for y in chain where !chosen[i].years.contains(y) { money[y - horizon.lowerBound] += e.cost(in: y).value }
            virtual[i] = ReplacementPattern(years: kept + chain)
        }
        for (i, e) in pm.entries.enumerated() where e.addition == nil && !e.excluded {
            var first: Int?
            for year in horizon {
                guard let (age, original) = e.age(in: year, under: chosen[i]) else { continue }
                for kind in PlanModel.breaches(age: age, original: original, supportEnd: e.asset.supportEnd, year: year,
                                               modality: e.asset.modality, policy: policy) {
                    breaches.append(RuleBreach(trust: e.asset.trust, tag: e.asset.tag, modality: e.asset.modality,
                                               year: year, rule: kind, age: age))
                    if first == nil { first = year }
                }
            }
            if let first { replaceFrom(i, first) }
        }

        // The 10% rule, year by year, on top of the rule fixes.
        for year in horizon {
            for (_, c) in Self.census(pm, virtual, year: year).sorted(by: { $0.key < $1.key }) {
                let excess = c.old.count - Self.allowedOld(units: c.units, policy: policy)
                guard excess > 0 else { continue }
                let oldest = c.old.sorted { ($0.age, pm.entries[$1.index].key) > ($1.age, pm.entries[$0.index].key) }
                for o in oldest.prefix(excess) { replaceFrom(o.index, year) }
            }
        }
        // Share breaches are reported as they stand under the plan itself, not after the money above is spent.
        shareBreaches = policy.horizon.flatMap { year in
            Self.census(pm, chosen, year: year).sorted { $0.key < $1.key }.compactMap { m, c -> ShareBreach? in
                let excess = c.old.count - Self.allowedOld(units: c.units, policy: policy)
                return excess > 0 ? ShareBreach(modality: m, year: year, units: c.units, old: c.old.count, excess: excess) : nil
            }
        }
        moneyToMeetRules = horizon.compactMap { y in
            let v = money[y - horizon.lowerBound]
            return v > 0 ? YearAmount(year: y, amount: Pence(v)) : nil
        }
        ageProfile = Self.profile(pm, chosen)
    }

    /// Per modality in `year` under `patterns`: units in service (not excluded) and those older than the age
    /// profile's limit, with their ages and entry numbers.
    static func census(_ pm: PlanModel, _ patterns: [ReplacementPattern], year: Int)
        -> [Modality: (units: Int, old: [(age: Int, index: Int)])] {
        var out: [Modality: (units: Int, old: [(age: Int, index: Int)])] = [:]
        for (i, e) in pm.entries.enumerated() where !e.excluded {
            guard let (age, _) = e.age(in: year, under: patterns[i]) else { continue }
            out[e.asset.modality, default: (0, [])].units += 1
            if age > pm.policy.ageProfile.oldYears { out[e.asset.modality, default: (0, [])].old.append((age, i)) }
        }
        return out
    }

    /// How many of `units` the target allows over the age limit.
    static func allowedOld(units: Int, policy: PlanningPolicy) -> Int {
        Int((policy.ageProfile.maxOldShare * Double(units)).rounded(.down))
    }

    /// Age profile per modality and for the network, with the plan and without.
    static func profile(_ pm: PlanModel, _ chosen: [ReplacementPattern]) -> [AgeProfileYear] {
        let target = pm.policy.ageProfile
        typealias Counts = AgeProfileYear.Counts
        func bucket(_ c: inout Counts, _ age: Int) {
            if age <= target.newYears { c.new += 1 } else if age <= target.oldYears { c.middle += 1 } else { c.old += 1 }
        }
        var out: [AgeProfileYear] = []
        for year in pm.policy.horizon {
            var with: [Modality: Counts] = [:], without: [Modality: Counts] = [:]
            for (i, e) in pm.entries.enumerated() where !e.excluded {
                let m = e.asset.modality
                if let (age, _) = e.age(in: year, under: chosen[i]) { bucket(&with[m, default: Counts(new: 0, middle: 0, old: 0)], age) }
                if let (age, _) = e.age(in: year, under: .none) { bucket(&without[m, default: Counts(new: 0, middle: 0, old: 0)], age) }
            }
            let zero = Counts(new: 0, middle: 0, old: 0)
            func sum(_ d: [Modality: Counts]) -> Counts {
                d.values.reduce(zero) { Counts(new: $0.new + $1.new, middle: $0.middle + $1.middle, old: $0.old + $1.old) }
            }
            out.append(AgeProfileYear(modality: nil, year: year, withPlan: sum(with), without: sum(without)))
            for m in Set(with.keys).union(without.keys).sorted() {
                out.append(AgeProfileYear(modality: m, year: year, withPlan: with[m] ?? zero, without: without[m] ?? zero))
            }
        }
        return out
    }
}
