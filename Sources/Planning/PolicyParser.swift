import CapitalCore
import Yams
import YAMLFiles

extension PlanningPolicy {
    /// The top-level keys a policy file may hold.
    static let topLevelKeys = ["horizon", "budget", "trust_limits", "inflation", "price_basis", "expected_life",
                               "prices", "criticality", "whole_price", "service_cost", "rules", "age_profile", "capacity",
                               "max_per_site_modality_year", "must_replace", "exclude", "risk"]

    /// Parses a policy file's text (format in `docs/planning.md`). Errors read `FILE:LINE: field NAME: message`.
    public static func parse(yaml text: String, fileName: String = "policy.yaml") throws -> PlanningPolicy {
        let r = PolicyYAMLReader(fileName: fileName)
        let root = try YAMLFile.compose(text, fileName: fileName)
        let top = try r.entries(root, field: nil, allowed: topLevelKeys)
        func value(_ key: String) -> (keyNode: Node, value: Node)? {
            top.first { $0.key == key }.map { ($0.keyNode, $0.value) }
        }
        guard let horizonNode = value("horizon") else { throw r.error(root, field: "horizon", "missing; give first_year and years") }
        var firstYear: Int?, years = 15
        for e in try r.entries(horizonNode.value, field: "horizon", allowed: ["first_year", "years"]) {
            if e.key == "first_year" { firstYear = try r.integer(e.value, field: "horizon.first_year", in: 1900...2200) }
            if e.key == "years" { years = try r.integer(e.value, field: "horizon.years", in: 1...50) }
        }
        guard let first = firstYear else { throw r.error(horizonNode.value, field: "horizon.first_year", "missing") }
        guard let budgetNode = value("budget") else { throw r.error(root, field: "budget", "missing; give a yearly amount or a list") }
        var policy: PlanningPolicy
        if let share = try needShare(budgetNode.value, r) {
            policy = PlanningPolicy(firstYear: first, years: years, budgets: Array(repeating: .zero, count: years))
            policy.budgetNeedShare = share
        } else {
            policy = PlanningPolicy(firstYear: first, years: years,
                                    budgets: try r.yearly(budgetNode.value, field: "budget", years: years))
        }
        for e in top {
            let v = e.value
            switch e.key {
            case "trust_limits":
                for t in try r.entries(v, field: "trust_limits") {
                    policy.trustLimits[t.key] = try r.yearly(t.value, field: "trust_limits.\(t.key)", years: years)
                }
            case "inflation": policy.inflation = try r.number(v, field: "inflation", in: -0.5...0.5)
            case "price_basis":
                let text = try r.scalar(v, field: "price_basis")
                guard let basis = PriceBasis(rawValue: text) else {
                    throw r.error(v, field: "price_basis", "`\(text)` is not one of: modality, purchase_cost")
                }
                policy.priceBasis = basis
            case "expected_life":
                policy.expectedLife.merge(try r.perModality(v, field: "expected_life") {
                    try r.integer($0, field: $1, in: 1...50)
                }) { $1 }
            case "prices":
                policy.prices.merge(try r.perModality(v, field: "prices") { try r.money($0, field: $1) }) { $1 }
            case "criticality":
                policy.criticality.merge(try r.perModality(v, field: "criticality") {
                    try r.integer($0, field: $1, in: 1...5)
                }) { $1 }
            case "risk":
                throw r.error(e.keyNode, field: "risk", "the likelihood × impact score was replaced by an expected cost in "
                              + "pounds: use `service_cost:` and `rules:` (docs/planning.md, \"The policy file\")")
            case "whole_price": policy.wholePrice = try parseWholePrice(v, r)
            case "service_cost": policy.serviceCost = try parseServiceCost(v, r)
            case "rules": policy.rules = try parseRules(v, r)
            case "age_profile": policy.ageProfile = try parseAgeProfile(v, r)
            case "capacity": policy.capacity = try parseCapacity(v, r)
            case "max_per_site_modality_year": policy.maxPerSiteModalityYear = try parseCaps(v, r)
            case "must_replace":
                policy.mustReplace = try r.list(v, field: "must_replace").enumerated().map { i, node in
                    let f = "must_replace[\(i)]"
                    var trust: String?, tag: String?, by: Int?
                    for x in try r.entries(node, field: f, allowed: ["trust", "asset", "by"]) {
                        switch x.key {
                        case "trust": trust = try r.scalar(x.value, field: "\(f).trust")
                        case "asset": tag = try r.scalar(x.value, field: "\(f).asset")
                        default: by = try r.integer(x.value, field: "\(f).by", in: first...(first + years - 1))
                        }
                    }
                    guard let trust, let tag, let by else { throw r.error(node, field: f, "give trust, asset and by") }
                    return MustReplace(trust: trust, tag: tag, year: by)
                }
            case "exclude":
                policy.exclusions = try r.list(v, field: "exclude").enumerated().map { i, node in
                    let f = "exclude[\(i)]"
                    var ex = Exclusion()
                    for x in try r.entries(node, field: f, allowed: ["trust", "asset", "modality"]) {
                        switch x.key {
                        case "trust": ex.trust = try r.scalar(x.value, field: "\(f).trust")
                        case "asset": ex.tag = try r.scalar(x.value, field: "\(f).asset")
                        default:
                            let text = try r.scalar(x.value, field: "\(f).modality")
                            ex.modality = try r.modality(x.value, text, field: "\(f).modality")
                        }
                    }
                    if ex.tag != nil && ex.trust == nil { throw r.error(node, field: f, "an asset tag needs its trust") }
                    if ex.tag == nil && ex.modality == nil {
                        throw r.error(node, field: f, "give trust and asset, or a modality (optionally with a trust)")
                    }
                    return ex
                }
            default: break
            }
        }
        do { try policy.validate() } catch let e as UserError { throw UserError("\(fileName): \(e.message)") }
        return policy
    }

    /// `budget: need` (the fleet's steady-state need a year) or `budget: 80% of need`; nil for an amount or a list.
    static func needShare(_ node: Node, _ r: PolicyYAMLReader) throws -> Double? {
        guard case .scalar(let s) = node else { return nil }
        let text = s.string.lowercased().trimmingCharacters(in: .whitespaces)
        guard text.hasSuffix("need") else { return nil }
        if text == "need" { return 1 }
        var head = String(text.dropLast(4)).trimmingCharacters(in: .whitespaces)
        if head.hasSuffix("of") { head = String(head.dropLast(2)).trimmingCharacters(in: .whitespaces) }
        guard head.hasSuffix("%"), let n = Double(head.dropLast()), n.isFinite, (1...1000).contains(n) else {
            throw r.error(node, field: "budget", "`\(s.string)`: write `need` or a share of it such as `80% of need` (1–1000%)")
        }
        return n / 100
    }

    /// `none` as a value (no such rule), else what `read` makes of it.
    static func optional<T>(_ node: Node, _ read: () throws -> T) rethrows -> T? {
        if case .scalar(let s) = node, ["none", "null", "~"].contains(s.string) { return nil }
        return try read()
    }

    /// A mapping modality → value with an optional `default` for the modalities not named.
    static func perModalityWithDefault<T>(_ node: Node, _ r: PolicyYAMLReader, field: String,
                                          _ read: (Node, String) throws -> T) throws -> [Modality: T] {
        var out: [Modality: T] = [:]
        let entries = try r.entries(node, field: field)
        if let d = entries.first(where: { $0.key == "default" }) {
            let v = try read(d.value, "\(field).default")
            for m in Modality.allCases { out[m] = v }
        }
        for e in entries where e.key != "default" {
            out[try r.modality(e.keyNode, e.key, field: "\(field).\(e.key)")] = try read(e.value, "\(field).\(e.key)")
        }
        return out
    }

    static func parseWholePrice(_ node: Node, _ r: PolicyYAMLReader) throws -> WholePriceParameters {
        var p = WholePriceParameters()
        for e in try r.entries(node, field: "whole_price", allowed: ["works", "site_works", "vat_rate", "vat_recoverable"]) {
            let f = "whole_price.\(e.key)"
            switch e.key {
            case "works":
                p.worksFraction.merge(try perModalityWithDefault(e.value, r, field: f) { try r.number($0, field: $1, in: 0...20) }) { $1 }
            case "site_works":
                for site in try r.entries(e.value, field: f) {
                    guard site.key.contains("/") else {
                        throw r.error(site.keyNode, field: "\(f).\(site.key)", "name the site as TRUST/SITE, e.g. RAA/RAA01")
                    }
                    p.siteWorks[site.key] = try r.perModality(site.value, field: "\(f).\(site.key)") { try r.money($0, field: $1) }
                }
            case "vat_rate": p.vatRate = try r.number(e.value, field: f, in: 0...1)
            default: p.vatRecoverable = try r.boolean(e.value, field: f)
            }
        }
        return p
    }

    static func parseServiceCost(_ node: Node, _ r: PolicyYAMLReader) throws -> ServiceCostParameters {
        var p = ServiceCostParameters()
        let keys = ["breakdowns_per_year_new", "breakdown_multiple_at_life", "days_down_per_breakdown",
                    "scans_per_unit_year", "scan_cost", "in_house_scan_fraction", "repair_fraction", "maintenance_fraction", "warranty_years",
                    "support_ended_breakdown_multiple", "support_ended_days_multiple", "support_ended_cost_multiple",
                    "new_unit_support_years", "criticality_weights", "history_weight_years"]
        for e in try r.entries(node, field: "service_cost", allowed: keys) {
            let f = "service_cost.\(e.key)", v = e.value
            func modalityNumbers(_ range: ClosedRange<Double>) throws -> [Modality: Double] {
                try perModalityWithDefault(v, r, field: f) { try r.number($0, field: $1, in: range) }
            }
            switch e.key {
            case "breakdowns_per_year_new": p.breakdownsPerYearNew.merge(try modalityNumbers(0...365)) { $1 }
            case "breakdown_multiple_at_life": p.breakdownMultipleAtLife = try r.number(v, field: f, in: 1...100)
            case "days_down_per_breakdown": p.daysDownPerBreakdown.merge(try modalityNumbers(0...365)) { $1 }
            case "scans_per_unit_year": p.scansPerUnitYear.merge(try modalityNumbers(0...10_000_000)) { $1 }
            case "scan_cost":
                p.scanCost.merge(try perModalityWithDefault(v, r, field: f) { try r.money($0, field: $1) }) { $1 }
            case "in_house_scan_fraction": p.inHouseScanFraction = try r.number(v, field: f, in: 0...1)
            case "repair_fraction": p.repairFraction = try r.number(v, field: f, in: 0...1)
            case "maintenance_fraction": p.maintenanceFraction = try r.number(v, field: f, in: 0...1)
            case "warranty_years": p.warrantyYears = try r.integer(v, field: f, in: 0...50)
            case "support_ended_breakdown_multiple": p.supportEndedBreakdownMultiple = try r.number(v, field: f, in: 1...100)
            case "support_ended_days_multiple": p.supportEndedDaysMultiple = try r.number(v, field: f, in: 1...100)
            case "support_ended_cost_multiple": p.supportEndedCostMultiple = try r.number(v, field: f, in: 1...100)
            case "new_unit_support_years": p.newUnitSupportYears = try optional(v) { try r.integer(v, field: f, in: 1...50) }
            case "criticality_weights":
                let items = try r.list(v, field: f)
                guard items.count == 5 else { throw r.error(v, field: f, "give five weights, for criticality 1 to 5") }
                p.criticalityWeights = try items.enumerated().map { try r.number($1, field: "\(f)[\($0)]", in: 0...100) }
            default: p.historyWeightYears = try r.number(v, field: f, in: 0...100)
            }
        }
        return p
    }

    static func parseRules(_ node: Node, _ r: PolicyYAMLReader) throws -> ReplacementRules {
        var p = ReplacementRules()
        let keys = ["max_age", "absolute_max_age", "replace_within_years_of_support_end", "breach_cost_multiple"]
        for e in try r.entries(node, field: "rules", allowed: keys) {
            let f = "rules.\(e.key)", v = e.value
            switch e.key {
            case "max_age":
                p.maxAge = try optional(v) {
                    try perModalityWithDefault(v, r, field: f) { try r.integer($0, field: $1, in: 1...100) }
                } ?? [:]
            case "absolute_max_age": p.absoluteMaxAge = try optional(v) { try r.integer(v, field: f, in: 1...100) }
            case "replace_within_years_of_support_end":
                p.replaceWithinYearsOfSupportEnd = try optional(v) { try r.integer(v, field: f, in: 0...100) }
            default: p.breachCostMultiple = try r.number(v, field: f, in: 0...1000)
            }
        }
        return p
    }

    static func parseAgeProfile(_ node: Node, _ r: PolicyYAMLReader) throws -> AgeProfileTarget {
        var p = AgeProfileTarget()
        let keys = ["mode", "new_years", "old_years", "min_new_share", "max_old_share", "over_age_cost"]
        for e in try r.entries(node, field: "age_profile", allowed: keys) {
            let f = "age_profile.\(e.key)", v = e.value
            switch e.key {
            case "mode":
                let text = try r.scalar(v, field: f)
                guard let mode = AgeProfileTarget.Mode(rawValue: text) else {
                    throw r.error(v, field: f, "`\(text)` is not one of: priced, hard, report")
                }
                p.mode = mode
            case "new_years": p.newYears = try r.integer(v, field: f, in: 0...100)
            case "old_years": p.oldYears = try r.integer(v, field: f, in: 1...100)
            case "min_new_share": p.minNewShare = try r.number(v, field: f, in: 0...1)
            case "max_old_share": p.maxOldShare = try r.number(v, field: f, in: 0...1)
            default: p.overAgeCostFraction = try r.number(v, field: f, in: 0...100)
            }
        }
        return p
    }

    static func parseCapacity(_ node: Node, _ r: PolicyYAMLReader) throws -> CapacityParameters {
        var p = CapacityParameters()
        for e in try r.entries(node, field: "capacity", allowed: ["growth", "additional_units_per_site"]) {
            let f = "capacity.\(e.key)"
            if e.key == "growth" {
                p.growth.merge(try perModalityWithDefault(e.value, r, field: f) { try r.number($0, field: $1, in: -0.5...1) }) { $1 }
            } else {
                p.additionalUnitsPerSite.merge(try perModalityWithDefault(e.value, r, field: f) {
                    try r.integer($0, field: $1, in: 0...20)
                }) { $1 }
            }
        }
        return p
    }

    /// A number (the cap for every modality), or a mapping of modality → number or `unlimited`, with an optional
    /// `default` for modalities not named (otherwise the built-in caps apply to them).
    static func parseCaps(_ node: Node, _ r: PolicyYAMLReader) throws -> [Modality: Int] {
        let f = "max_per_site_modality_year"
        func cap(_ n: Node, _ field: String) throws -> Int? {
            if case .scalar(let s) = n, s.string == "unlimited" { return nil }
            return try r.integer(n, field: field, in: 1...1000)
        }
        if case .scalar = node {
            guard let k = try cap(node, f) else { return [:] }
            return Dictionary(uniqueKeysWithValues: Modality.allCases.map { ($0, k) })
        }
        var caps = PlanningPolicy.defaultCaps
        let entries = try r.entries(node, field: f)
        if let d = entries.first(where: { $0.key == "default" }) {
            let k = try cap(d.value, "\(f).default")
            caps = Dictionary(uniqueKeysWithValues: Modality.allCases.compactMap { m in k.map { (m, $0) } })
        }
        for e in entries where e.key != "default" {
            let m = try r.modality(e.keyNode, e.key, field: "\(f).\(e.key)")
            caps[m] = try cap(e.value, "\(f).\(e.key)")
        }
        return caps
    }
}
