import CapitalCore
import Yams

extension PlanningPolicy {
    /// The top-level keys a policy file may hold.
    static let topLevelKeys = ["horizon", "budget", "trust_limits", "inflation", "price_basis", "expected_life",
                               "prices", "criticality", "risk", "max_per_site_modality_year", "must_replace", "exclude"]

    /// Parses a policy file's text (format in `docs/planning.md`). Errors read `FILE:LINE: field NAME: message`.
    public static func parse(yaml text: String, fileName: String = "policy.yaml") throws -> PlanningPolicy {
        let r = PolicyYAMLReader(fileName: fileName)
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { throw UserError("\(fileName): the file is empty") }
            root = node
        } catch let e as UserError {
            throw e
        } catch let e as YamlError {
            throw UserError("\(fileName): not valid YAML: \(e)")
        }
        let top = try r.entries(root, field: nil, allowed: topLevelKeys)
        func value(_ key: String) -> (keyNode: Node, value: Node)? {
            top.first { $0.key == key }.map { ($0.keyNode, $0.value) }
        }
        guard let horizonNode = value("horizon") else { throw r.error(root, field: "horizon", "missing; give first_year and years") }
        var firstYear: Int?, years = 15
        for e in try r.entries(horizonNode.value, field: "horizon", allowed: ["first_year", "years"]) {
            if e.key == "first_year" { firstYear = try r.integer(e.value, field: "horizon.first_year", in: 1900...2200) }
            if e.key == "years" { years = try r.integer(e.value, field: "horizon.years", in: 1...100) }
        }
        guard let first = firstYear else { throw r.error(horizonNode.value, field: "horizon.first_year", "missing") }
        guard let budgetNode = value("budget") else { throw r.error(root, field: "budget", "missing; give a yearly amount or a list") }
        var policy = PlanningPolicy(firstYear: first, years: years,
                                    budgets: try r.yearly(budgetNode.value, field: "budget", years: years))
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
            case "risk": policy.risk = try parseRisk(v, r)
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

    static func parseRisk(_ node: Node, _ r: PolicyYAMLReader) throws -> RiskParameters {
        var p = RiskParameters()
        let keys = ["age_bands", "max_age_years", "support_ended_add", "failures_at_least", "failures_add",
                    "downtime_hours_at_least", "downtime_add", "sole_unit_add", "utilisation_at_least",
                    "utilisation_add", "due_likelihood"]
        for e in try r.entries(node, field: "risk", allowed: keys) {
            let f = "risk.\(e.key)"
            switch e.key {
            case "age_bands":
                let items = try r.list(e.value, field: f)
                let bands = try items.enumerated().map { try r.number($1, field: "\(f)[\($0)]", in: 0...10) }
                guard bands.count == 4, zip(bands, bands.dropFirst()).allSatisfy({ $0 < $1 }) else {
                    throw r.error(e.value, field: f, "give four increasing fractions of expected life, e.g. [0.6, 0.8, 1.0, 1.2]")
                }
                p.ageBands = bands
            case "max_age_years": p.maxAgeYears = try r.integer(e.value, field: f, in: 1...100)
            case "support_ended_add": p.supportEndedAdd = try r.integer(e.value, field: f, in: 0...4)
            case "failures_at_least": p.failuresAtLeast = try r.integer(e.value, field: f, in: 0...10_000)
            case "failures_add": p.failuresAdd = try r.integer(e.value, field: f, in: 0...4)
            case "downtime_hours_at_least": p.downtimeHoursAtLeast = try r.number(e.value, field: f, in: 0...8_784)
            case "downtime_add": p.downtimeAdd = try r.integer(e.value, field: f, in: 0...4)
            case "sole_unit_add": p.soleUnitAdd = try r.integer(e.value, field: f, in: 0...4)
            case "utilisation_at_least": p.utilisationAtLeast = try r.number(e.value, field: f, in: 0...1)
            case "utilisation_add": p.utilisationAdd = try r.integer(e.value, field: f, in: 0...4)
            default: p.dueLikelihood = try r.integer(e.value, field: f, in: 1...5)
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
