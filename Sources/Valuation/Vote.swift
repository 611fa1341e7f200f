import CapitalCore
import Foundation

/// How a trust voted. A member with no ballot is absent.
public enum Ballot: String, Sendable, Codable, CaseIterable {
    case inFavour = "for"
    case against
    case abstain

    /// Reads a ballot: for/yes/y/aye, against/no/n, abstain/abstention, any case; throws a `UserError` for anything else.
    public static func parse(_ text: String) throws -> Ballot {
        switch text.lowercased().trimmingCharacters(in: .whitespaces) {
        case "for", "yes", "y", "aye": return .inFavour
        case "against", "no", "n": return .against
        case "abstain", "abstention": return .abstain
        default: throw UserError("`\(text)` is not a vote; use for, against or abstain")
        }
    }
}

/// Whose vote weighs what: one trust one vote, or votes in proportion to ownership share.
public enum VotingBasis: Sendable, Equatable {
    /// Every member trust has one vote.
    case equal(members: [String])
    /// Each member's votes are its exact ownership share.
    case shareWeighted(shares: [String: Decimal])

    var members: [String] {
        switch self {
        case .equal(let m): return m.sorted()
        case .shareWeighted(let s): return s.keys.sorted()
        }
    }

    func weight(_ trust: String) -> Decimal {
        switch self {
        case .equal: return 1
        case .shareWeighted(let s): return s[trust] ?? 0
        }
    }

    var label: String {
        switch self {
        case .equal: return "votes (one per trust)"
        case .shareWeighted: return "share-weighted votes"
        }
    }
}

/// What is being decided, which fixes the bar a motion must clear.
///
/// `ordinary`: the management board's simple majority — more than half of the votes *cast*
/// (for + against; abstentions and absences do not count; a tie fails). `unanimous`: a reserved
/// matter every member must vote for (an abstention or absence blocks it). `supermajority(f)`:
/// a reserved matter needing votes for of at least `f` (e.g. 0.75) of *all members'* votes, so
/// staying away cannot lower the bar.
public enum MatterType: Sendable, Equatable {
    case ordinary
    case unanimous
    case supermajority(Decimal)

    /// `ordinary`, `unanimous`, or `reserved:75%` / `reserved:0.75`.
    public static func parse(_ text: String) throws -> MatterType {
        let t = text.lowercased().trimmingCharacters(in: .whitespaces)
        if t == "ordinary" || t == "simple-majority" { return .ordinary }
        if t == "unanimous" || t == "reserved" || t == "reserved:unanimous" { return .unanimous }
        if t.hasPrefix("reserved:") {
            var n = String(t.dropFirst("reserved:".count))
            let isPercent = n.hasSuffix("%")
            if isPercent { n.removeLast() }
            if let d = Decimal(string: n, locale: Locale(identifier: "en_US_POSIX")), n.allSatisfy({ $0.isNumber || $0 == "." }) {
                let f = isPercent || d > 1 ? d / 100 : d
                if f > 0, f <= 1 { return .supermajority(f) }
            }
        }
        throw UserError("`\(text)` is not a matter type; use ordinary, unanimous or reserved:75%")
    }
}

/// The result of a vote: whether the motion carried and a sentence saying why, with the tallies.
public struct VoteOutcome: Sendable, Equatable {
    /// Whether the motion carried.
    public let carried: Bool
    /// Why, in one sentence: the share of votes for and the bar it had to clear, or who blocked a unanimous matter.
    public let reason: String
    /// Votes for: a count of trusts, or the sum of their shares when share-weighted.
    public let forWeight: Decimal
    /// Votes against, weighed as `forWeight`.
    public let againstWeight: Decimal
    /// Abstentions, weighed as `forWeight`.
    public let abstainWeight: Decimal
    /// Members with no ballot, weighed as `forWeight`.
    public let absentWeight: Decimal
}

/// A vote of the member trusts on one motion, evaluated against the matter's rule.
///
/// Voting is separate from shareholding (Lifecycle, *Imaging Networks*): the basis says whether each
/// trust has one vote or votes by its share, the matter type says what majority is needed. A ballot
/// from a trust that is not a member is an error; a member with no ballot is absent.
public struct Vote: Sendable {
    /// Who the members are and what each vote weighs.
    public let basis: VotingBasis
    /// What is decided, which sets the majority needed.
    public let matter: MatterType
    /// Each voting trust's ballot, by trust code; a member not listed is absent.
    public let ballots: [String: Ballot]

    /// Creates a vote from its parts.
    public init(basis: VotingBasis, matter: MatterType, ballots: [String: Ballot]) {
        self.basis = basis
        self.matter = matter
        self.ballots = ballots
    }

    /// Parses `RAA=for,RBB=against,RCC=abstain`.
    public static func parseBallots(_ text: String) throws -> [String: Ballot] {
        var out: [String: Ballot] = [:]
        for part in text.split(separator: ",") {
            let kv = part.split(separator: "=")
            guard kv.count == 2 else { throw UserError("`\(part)` is not TRUST=for|against|abstain") }
            let trust = kv[0].trimmingCharacters(in: .whitespaces)
            guard out[trust] == nil else { throw UserError("trust \(trust) votes twice") }
            out[trust] = try Ballot.parse(String(kv[1]))
        }
        return out
    }

    /// The outcome under the matter's rule; throws a `UserError` when there are no members or a non-member voted.
    public func evaluate() throws -> VoteOutcome {
        let members = basis.members
        guard !members.isEmpty else { throw UserError("no member trusts to vote") }
        for trust in ballots.keys.sorted() where !members.contains(trust) {
            throw UserError("trust \(trust) voted but is not a member; members are \(members.joined(separator: ", "))")
        }
        var tally: [Ballot?: Decimal] = [:]
        for m in members { tally[ballots[m], default: 0] += basis.weight(m) }
        let f = tally[.inFavour] ?? 0, a = tally[.against] ?? 0
        let ab = tally[.abstain] ?? 0, absent = tally[nil] ?? 0
        let all = f + a + ab + absent
        let label = basis.label
        func pct(_ x: Decimal, _ of: Decimal) -> String { of == 0 ? "0.00" : ShareText.percent(x / of) }
        switch matter {
        case .ordinary:
            let cast = f + a
            let carried = cast > 0 && f * 2 > cast
            let why = cast == 0
                ? "not carried: no votes cast for or against (abstentions do not count), needed a simple majority of votes cast"
                : "\(carried ? "carried" : "not carried"): \(pct(f, cast))% of \(label) cast were for, needed more than 50%"
            return VoteOutcome(carried: carried, reason: why, forWeight: f, againstWeight: a, abstainWeight: ab, absentWeight: absent)
        case .unanimous:
            let blockers = members.filter { ballots[$0] != .inFavour }
            let carried = blockers.isEmpty
            let why = carried
                ? "carried: all \(members.count) member trusts voted for (reserved matter, unanimous)"
                : "not carried: reserved matter needs every member for; not for: "
                    + blockers.map { "\($0) (\(ballots[$0]?.rawValue ?? "absent"))" }.joined(separator: ", ")
            return VoteOutcome(carried: carried, reason: why, forWeight: f, againstWeight: a, abstainWeight: ab, absentWeight: absent)
        case .supermajority(let needed):
            let carried = all > 0 && f >= needed * all
            let why = "\(carried ? "carried" : "not carried"): \(pct(f, all))% of all members' \(label) were for, "
                + "needed at least \(ShareText.percent(needed))% (reserved matter)"
            return VoteOutcome(carried: carried, reason: why, forWeight: f, againstWeight: a, abstainWeight: ab, absentWeight: absent)
        }
    }
}
