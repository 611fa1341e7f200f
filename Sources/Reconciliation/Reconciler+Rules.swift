import CapitalCore

extension MatchState {
    /// Rule 3: the same manufacturer and modality (indexed with the month in service, so only assets within the
    /// window are looked at), dates within `windowDays`, costs within `tolerancePercent` of the CMMS cost, and the CMMS
    /// model's words in the finance model or description. The closest candidate wins when it is clearly closest (half
    /// the distance of the next); two records wanting one asset, or no clear winner, are ambiguous.
    ///
    /// Clear winners are taken in rounds (a record whose best candidate was another's clear winner tries again with what
    /// is left); only when a round takes nothing are the records still undecided marked ambiguous.
    mutating func matchMakeModel(windowDays: Int, tolerancePercent: Int64) {
        for _ in 0..<8 where matchMakeModelRound(windowDays: windowDays, tolerancePercent: tolerancePercent, final: false) {}
        _ = matchMakeModelRound(windowDays: windowDays, tolerancePercent: tolerancePercent, final: true)
    }

    /// One round of rule 3: takes the clear winners; `final` also marks the rest ambiguous. Whether it took any.
    mutating func matchMakeModelRound(windowDays: Int, tolerancePercent: Int64, final: Bool) -> Bool {
        let before = matches.count
        struct Key: Hashable { let maker: String; let modality: String; let month: Int }
        func month(_ d: CalendarDate) -> Int { d.year * 12 + d.month }
        var index: [Key: [Int]] = [:]
        for a in assets.indices where !assetTaken[a] {
            guard let m = assets[a].manufacturer?.lowercased(), let d = assets[a].date, assets[a].cost != nil else { continue }
            index[Key(maker: m, modality: assets[a].modality, month: month(d)), default: []].append(a)
        }
        let span = windowDays / 28 + 1
        var best: [Int: (asset: Int, others: [Int])] = [:]
        var wanted: [Int: [Int]] = [:]
        for f in finance.indices where !financeTaken[f] {
            let y = finance[f]
            guard let m = y.manufacturer?.lowercased(), let d = y.date, let cost = y.cost else { continue }
            let words = TextWords(y.model, y.description)
            var scored: [(a: Int, score: Double)] = []
            for mo in (month(d) - span)...(month(d) + span) {
                for a in index[Key(maker: m, modality: y.modality, month: mo)] ?? [] where !assetTaken[a] && allowed(a, f) && !serialsConflict(a, f) {
                    let x = assets[a]
                    let days = abs(x.date!.days(to: d))
                    let diff = abs(cost.value - x.cost!.value)
                    guard days <= windowDays, diff * 100 <= tolerancePercent * x.cost!.value,
                          words.contains(mostOf: TextWords(x.model, nil)) else { continue }
                    let costShare = x.cost!.value == 0 ? 0 : Double(diff) / Double(x.cost!.value) / (Double(tolerancePercent) / 100)
                    let elsewhere = x.site != nil && y.site != nil && x.site != y.site ? 0.5 : 0
                    scored.append((a, Double(days) / Double(max(windowDays, 1)) + costShare + elsewhere))
                }
            }
            guard !scored.isEmpty else { continue }
            scored.sort { ($0.score, $0.a) < ($1.score, $1.a) }
            if scored.count == 1 || scored[0].score * 2 < scored[1].score {
                best[f] = (scored[0].a, [])
                wanted[scored[0].a, default: []].append(f)
            } else {
                best[f] = (-1, scored.map(\.a))
            }
        }
        for f in best.keys.sorted() where !financeTaken[f] {
            let (a, others) = best[f]!
            if a < 0 {
                let free = others.filter { !assetTaken[$0] }
                if final && !free.isEmpty { markAmbiguous(finance: [f], assets: free, rule: .makeModelDateCost) }
            } else if wanted[a]!.count == 1 {
                guard !assetTaken[a] else { continue }
                let x = assets[a], y = finance[f]
                let closeness = Double(abs(x.date!.days(to: y.date!))) / Double(max(windowDays, 1))
                take(a, f, .makeModelDateCost, 0.9 - 0.15 * closeness)
            } else if final && !assetTaken[a] {
                markAmbiguous(finance: wanted[a]!.filter { !financeTaken[$0] }, assets: [a], rule: .makeModelDateCost)
            }
        }
        return matches.count > before
    }

    /// Rule 4: what is left, grouped by site and modality; within a group, each record's most similar asset
    /// (``TextWords/similarity(_:)``, less a little for each year between their dates) at `threshold` or above, when it is
    /// clearly the most similar (by 0.1) and no other record wants it. Dates more than a year apart, costs more than 25%
    /// apart or serials more than a typo apart rule a pair out.
    mutating func matchDescriptions(threshold: Double) {
        struct Key: Hashable { let site: String; let modality: String }
        var groups: [Key: [Int]] = [:]
        for a in assets.indices where !assetTaken[a] {
            guard let s = assets[a].site else { continue }
            groups[Key(site: s, modality: assets[a].modality), default: []].append(a)
        }
        let assetWords = assets.map { TextWords($0.manufacturer, $0.model, $0.description) }
        var choice: [Int: (asset: Int, similarity: Double)] = [:]
        var wanted: [Int: Int] = [:]
        for f in finance.indices where !financeTaken[f] {
            let y = finance[f]
            guard let s = y.site, let group = groups[Key(site: s, modality: y.modality)] else { continue }
            let words = TextWords(y.manufacturer, y.model, y.description)
            var top: (a: Int, s: Double)? = nil, second = 0.0
            for a in group where allowed(a, f) && !serialsConflict(a, f) {
                let x = assets[a]
                let days = x.date.flatMap { d in y.date.map { abs(d.days(to: $0)) } } ?? 0
                if days > 365 { continue }
                if let c = x.cost?.value, let k = y.cost?.value, abs(c - k) * 4 > c { continue }
                let sim = words.similarity(assetWords[a]) - Double(days) / 3650
                if let t = top, sim <= t.s { second = max(second, sim) } else { second = max(second, top?.s ?? 0); top = (a, sim) }
            }
            guard let t = top, t.s >= threshold, t.s - second >= 0.1 else { continue }
            choice[f] = (t.a, t.s)
            wanted[t.a, default: 0] += 1
        }
        for f in choice.keys.sorted() {
            let (a, sim) = choice[f]!
            if wanted[a] == 1 { take(a, f, .description, 0.4 + 0.4 * min(1, sim)) }
        }
    }
}

/// The words of a few texts, lower-case letters and digits, for comparing descriptions and models.
struct TextWords {
    let words: Set<String>

    init(_ texts: String?...) {
        var w = Set<String>()
        for t in texts {
            guard let t else { continue }
            for word in t.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }) where !word.isEmpty { w.insert(String(word)) }
        }
        words = w
    }

    /// Whether `word`, or a word of 3+ letters that begins it ("def" for "definition"), is here.
    func has(_ word: String) -> Bool {
        if words.contains(word) { return true }
        return word.count > 3 && (3..<word.count).contains { words.contains(String(word.prefix($0))) }
    }

    /// At least half of `other`'s words (and at least one) are here.
    func contains(mostOf other: TextWords) -> Bool {
        guard !other.words.isEmpty else { return false }
        return other.words.filter(has).count * 2 >= other.words.count
    }

    /// Dice similarity of the two sets of words (a word here matching one there, or its start).
    func similarity(_ other: TextWords) -> Double {
        let total = words.count + other.words.count
        guard total > 0 else { return 0 }
        let shared = other.words.filter(has).count
        return min(1, 2 * Double(shared) / Double(total))
    }
}

/// Sites that matched pairs name differently, proposed as aliases: a finance site whose matched pairs name one CMMS
/// site in most (three in five or more) of them.
enum SiteAliases {
    static func propose(matches: [ReconcileMatch], assets: [ReconcileItem], finance: [ReconcileItem]) -> [SiteAliasProposal] {
        struct Pair: Hashable { let f: String; let a: String }
        var together: [Pair: Int] = [:], atSite: [String: Int] = [:]
        for m in matches {
            guard let fs = finance[m.finance].site, let asite = assets[m.asset].site else { continue }
            atSite[fs, default: 0] += 1
            if fs != asite { together[Pair(f: fs, a: asite), default: 0] += 1 }
        }
        return together.filter { $0.value * 5 >= atSite[$0.key.f, default: 0] * 3 }
            .map { SiteAliasProposal(financeSite: $0.key.f, assetSite: $0.key.a, pairs: $0.value) }
            .sorted { ($0.financeSite, $0.assetSite) < ($1.financeSite, $1.assetSite) }
    }
}
