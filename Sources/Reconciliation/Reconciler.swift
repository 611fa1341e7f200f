import CapitalCore

/// Matches a trust's finance records to its engineering assets (issue 18), rule by rule, each rule seeing only what
/// the earlier ones left:
///
/// 1. decisions a person recorded (accepted pairs; rejected pairs are never proposed again);
/// 2. serial: the same ``SerialKey`` (a serial in the finance description counts too), else one typo apart with
///    the same manufacturer or modality;
/// 3. make, model, date and cost: the same manufacturer and modality, the CMMS model's words in the finance
///    description, in service within ``dateWindowDays`` days, cost within ``costTolerancePercent``%;
/// 4. description: the most similar description of the same modality at the same site.
///
/// Every rule works from indexes (by serial key, by manufacturer and modality and month, by site and modality),
/// never by comparing every asset with every record, so 10,000 assets a trust take well under a second.
public struct Reconciler: Sendable {
    /// Rule 3: the most days apart the two dates may be.
    public var dateWindowDays = 90
    /// Rule 3: the most the finance cost may differ from the CMMS cost, in percent of it.
    public var costTolerancePercent: Int64 = 10
    /// Least description similarity (0…1) for rule 4.
    public var descriptionThreshold = 0.5

    /// The defaults of issue 18: 90 days, 10%, similarity 0.5.
    public init() {}

    /// Every asset and every finance record in exactly one category; decisions first.
    public func reconcile(assets: [ReconcileItem], finance: [ReconcileItem], decisions: [ReconcileDecision] = []) -> ReconcileResult {
        var state = MatchState(assets: assets, finance: finance, decisions: decisions)
        state.applyDecisions()
        state.matchSerials()
        state.matchMakeModel(windowDays: dateWindowDays, tolerancePercent: costTolerancePercent)
        state.matchDescriptions(threshold: descriptionThreshold)
        return state.result()
    }
}

/// The matching in progress: what is taken, what is matched, what is ambiguous.
struct MatchState {
    let assets: [ReconcileItem]
    let finance: [ReconcileItem]
    let decisions: [ReconcileDecision]
    var rejected = Set<Pair>()
    var assetTaken: [Bool]
    var financeTaken: [Bool]
    var matches: [ReconcileMatch] = []
    var ambiguous: [ReconcileAmbiguity] = []
    let assetSerials: [String?], financeSerials: [String?]

    struct Pair: Hashable { let tag: String; let number: String }

    init(assets: [ReconcileItem], finance: [ReconcileItem], decisions: [ReconcileDecision]) {
        self.assets = assets
        self.finance = finance
        self.decisions = decisions
        assetTaken = Array(repeating: false, count: assets.count)
        financeTaken = Array(repeating: false, count: finance.count)
        assetSerials = assets.map { SerialKey.normalise($0.serial) }
        financeSerials = finance.map { SerialKey.normalise($0.serial) }
        rejected = Set(decisions.filter { !$0.accept }.map { Pair(tag: $0.assetTag, number: $0.assetNumber) })
    }

    func allowed(_ a: Int, _ f: Int) -> Bool { !rejected.contains(Pair(tag: assets[a].key, number: finance[f].key)) }

    /// Both sides have a serial and they are more than a typo apart: not one device, whatever else agrees (rules 3, 4).
    func serialsConflict(_ a: Int, _ f: Int) -> Bool {
        guard let x = assetSerials[a], let y = financeSerials[f] else { return false }
        return !SerialKey.withinOneTypo(x, y)
    }

    mutating func take(_ a: Int, _ f: Int, _ rule: MatchRule, _ confidence: Double) {
        assetTaken[a] = true
        financeTaken[f] = true
        let x = assets[a], y = finance[f]
        let cost = x.cost.flatMap { c in y.cost.map { $0 - c } }
        let days = x.date.flatMap { d in y.date.map { d.days(to: $0) } }
        let siteDiffers = x.site != nil && y.site != nil && x.site != y.site
        matches.append(ReconcileMatch(asset: a, finance: f, rule: rule, confidence: min(1, max(0, confidence)),
                                      costDifference: cost, dateDifferenceDays: days, siteDiffers: siteDiffers))
    }

    mutating func markAmbiguous(finance fs: [Int], assets as_: [Int], rule: MatchRule) {
        for f in fs { financeTaken[f] = true }
        for a in as_ { assetTaken[a] = true }
        ambiguous.append(ReconcileAmbiguity(finance: fs.sorted(), assets: as_.sorted(), rule: rule))
    }

    mutating func applyDecisions() {
        let assetIndex = Dictionary(assets.indices.map { (assets[$0].key, $0) }, uniquingKeysWith: { a, _ in a })
        let financeIndex = Dictionary(finance.indices.map { (finance[$0].key, $0) }, uniquingKeysWith: { a, _ in a })
        for d in decisions where d.accept {
            guard let a = assetIndex[d.assetTag], let f = financeIndex[d.assetNumber], !assetTaken[a], !financeTaken[f] else { continue }
            take(a, f, .decision, 1)
        }
    }

    static func sameMaker(_ x: ReconcileItem, _ y: ReconcileItem) -> Bool? {
        guard let a = x.manufacturer?.lowercased(), let b = y.manufacturer?.lowercased() else { return nil }
        return a == b
    }

    /// Rule 2. Exact keys first (a serial both sides share, with no manufacturer saying otherwise): one asset and one
    /// record → a match; more on either side → ambiguous. Then one typo apart, for what is left.
    mutating func matchSerials() {
        var byKey: [String: [Int]] = [:]
        for a in assets.indices where !assetTaken[a] {
            if let k = assetSerials[a] { byKey[k, default: []].append(a) }
        }
        var groups: [String: (assets: [Int], finance: [Int], fromText: Bool)] = [:]
        for f in finance.indices where !financeTaken[f] {
            var key = financeSerials[f].flatMap { byKey[$0] != nil ? $0 : nil }
            var fromText = false
            if key == nil, finance[f].serial == nil, let d = finance[f].description {
                // A serial written in the description without a marker ("GE LOGIQ E10 LE10-339281").
                key = d.split(separator: " ").lazy.compactMap { SerialKey.normalise(String($0)) }.first { $0.count >= 5 && byKey[$0] != nil }
                fromText = key != nil
            }
            guard let k = key, let candidates = byKey[k] else { continue }
            let fitting = candidates.filter { allowed($0, f) && Self.sameMaker(assets[$0], finance[f]) != false }
            guard !fitting.isEmpty else { continue }
            groups[k, default: (fitting, [], fromText)].finance.append(f)
        }
        for k in groups.keys.sorted() {
            let g = groups[k]!
            if g.assets.count == 1 && g.finance.count == 1 {
                let a = g.assets[0], f = g.finance[0]
                let confidence = (Self.sameMaker(assets[a], finance[f]) == true ? 0.99 : 0.95) - (g.fromText ? 0.05 : 0)
                take(a, f, .serial, confidence)
            } else {
                markAmbiguous(finance: g.finance, assets: g.assets, rule: .serial)
            }
        }
        matchNearSerials()
    }

    /// One typo apart (a character changed, added, dropped or two swapped), serials of 5 characters or more, the same
    /// manufacturer (or, where either has none, the same modality); only a single candidate each way is taken.
    mutating func matchNearSerials() {
        var byDeletion: [String: [Int]] = [:]
        for a in assets.indices where !assetTaken[a] {
            guard let k = assetSerials[a], k.count >= 5 else { continue }
            for d in Set(SerialKey.deletionKeys(k)) { byDeletion[d, default: []].append(a) }
        }
        var chosen: [Int: [Int]] = [:] // asset -> records choosing it
        var choice: [Int: Int] = [:]
        for f in finance.indices where !financeTaken[f] {
            guard let k = financeSerials[f], k.count >= 5 else { continue }
            var candidates = Set<Int>()
            for d in Set(SerialKey.deletionKeys(k)) { candidates.formUnion(byDeletion[d] ?? []) }
            let fitting = candidates.filter { a in
                allowed(a, f) && (Self.sameMaker(assets[a], finance[f]) ?? (assets[a].modality == finance[f].modality))
            }
            guard fitting.count == 1, let a = fitting.first else { continue }
            choice[f] = a
            chosen[a, default: []].append(f)
        }
        for f in choice.keys.sorted() {
            let a = choice[f]!
            if chosen[a]!.count == 1 { take(a, f, .serial, 0.85) }
        }
    }

    func result() -> ReconcileResult {
        var r = ReconcileResult()
        r.matched = matches.sorted { ($0.finance, $0.asset) < ($1.finance, $1.asset) }
        r.cmmsOnly = assets.indices.filter { !assetTaken[$0] }
        r.financeOnly = finance.indices.filter { !financeTaken[$0] }
        r.ambiguous = ambiguous
        r.aliasProposals = SiteAliases.propose(matches: r.matched, assets: assets, finance: finance)
        return r
    }
}
