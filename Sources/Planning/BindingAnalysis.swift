import CapitalCore

/// Finds the assets a plan leaves at risk and attributes each to what binds it.
///
/// Rule kept: an asset is unfunded when it is due inside the horizon (at its expected life, or breaking a hard rule)
/// and the plan replaces it later or not at all. Its reasons come from trying the earliest allowed pattern starting in
/// or after the due year against the rest of the plan: every resource *of that pattern's first year* whose headroom
/// (limit − use by all other assets) is below the pattern's need is a reason (budget, trust limit or site×modality
/// capacity); when none binds in that year, the reason is `choice` (the pattern's later replacements are the plan's
/// to fit, and do not explain why the unit was not replaced when due).
struct BindingAnalysis {
    let pm: PlanModel
    let chosen: [ReplacementPattern]
    var used: [Int64]

    init(_ pm: PlanModel, chosen: [ReplacementPattern]) {
        self.pm = pm
        self.chosen = chosen
        var used = [Int64](repeating: 0, count: pm.model.resources.count)
        for (i, p) in chosen.enumerated() {
            for (id, amount) in pm.uses(entry: i, pattern: p) { used[pm.resourceIndex[id]!] += amount }
        }
        self.used = used
    }

    func unfunded() -> [UnfundedAsset] {
        var out: [UnfundedAsset] = []
        for (i, e) in pm.entries.enumerated() where e.addition == nil {
            guard let due = e.dueYear else { continue }
            let planned = chosen[i].firstYear
            if let planned, planned <= due { continue }
            let candidate = e.patterns.first { ($0.firstYear ?? Int.max) >= due && $0.firstYear != nil }
            let reasons: [BindingReason]
            if e.excluded {
                reasons = [BindingReason(kind: .excluded)]
            } else if let candidate {
                reasons = blockers(entry: i, candidate: candidate)
            } else {
                reasons = [BindingReason(kind: .choice)]
            }
            out.append(UnfundedAsset(trust: e.asset.trust, tag: e.asset.tag, modality: e.asset.modality, dueYear: due,
                                     plannedYear: planned, costCarried: e.penalty(chosen[i]),
                                     costIfReplacedWhenDue: candidate.map(e.penalty) ?? e.penalty(chosen[i]),
                                     reasons: reasons))
        }
        return out.sorted {
            ($0.costCarried - $0.costIfReplacedWhenDue, $1.key) > ($1.costCarried - $1.costIfReplacedWhenDue, $0.key)
        }
    }

    /// The resources that stop entry `i` from switching to `candidate`, everything else in the plan unchanged.
    func blockers(entry i: Int, candidate: ReplacementPattern) -> [BindingReason] {
        let current = pm.uses(entry: i, pattern: chosen[i])
        let wanted = pm.uses(entry: i, pattern: candidate)
        var reasons: [BindingReason] = []
        let first = candidate.firstYear.map { ":\($0)" } ?? ""
        for (id, need) in wanted where id.hasSuffix(first) {
            let r = pm.resourceIndex[id]!
            let available = pm.model.resources[r].limit - (used[r] - (current[id] ?? 0))
            guard need > available else { continue }
            let parts = id.split(separator: ":")
            let year = Int(parts.last!)
            let kind: BindingReason.Kind = id.hasPrefix("budget:") ? .budget : id.hasPrefix("trust:") ? .trustLimit : .capacity
            reasons.append(BindingReason(kind: kind, resource: id, year: year, needed: need, available: max(0, available)))
        }
        if reasons.isEmpty { return [BindingReason(kind: .choice)] }
        let order: [BindingReason.Kind: Int] = [.budget: 0, .trustLimit: 1, .capacity: 2]
        return reasons.sorted { ($0.year ?? 0, order[$0.kind] ?? 3, $0.resource ?? "") < ($1.year ?? 0, order[$1.kind] ?? 3, $1.resource ?? "") }
    }
}
