import Foundation
import Testing
@testable import Valuation

@Suite struct VoteTests {
    let shares: [String: Decimal] = ["RAA": Decimal(string: "0.624")!, "RBB": Decimal(string: "0.25")!, "RCC": Decimal(string: "0.126")!]

    @Test func shareWeightedSimpleMajority() throws {
        let v = Vote(basis: .shareWeighted(shares: shares), matter: .ordinary, ballots: try Vote.parseBallots("RAA=for,RBB=against,RCC=against"))
        let o = try v.evaluate()
        #expect(o.carried)
        #expect(o.reason == "carried: 62.40% of share-weighted votes cast were for, needed more than 50%")
    }

    @Test func equalVotesIgnoreShares() throws {
        let v = Vote(basis: .equal(members: ["RAA", "RBB", "RCC"]), matter: .ordinary,
                     ballots: ["RAA": .inFavour, "RBB": .against, "RCC": .against])
        let o = try v.evaluate()
        #expect(!o.carried)
        #expect(o.reason == "not carried: 33.33% of votes (one per trust) cast were for, needed more than 50%")
    }

    @Test func abstentionsDoNotCountAndATieFails() throws {
        let tie = try Vote(basis: .equal(members: ["A", "B", "C"]), matter: .ordinary, ballots: ["A": .inFavour, "B": .against, "C": .abstain]).evaluate()
        #expect(!tie.carried)
        let won = try Vote(basis: .equal(members: ["A", "B", "C"]), matter: .ordinary, ballots: ["A": .inFavour, "C": .abstain]).evaluate()
        #expect(won.carried)
    }

    @Test func reservedUnanimousIsBlockedByAnAbstention() throws {
        let o = try Vote(basis: .shareWeighted(shares: shares), matter: .unanimous,
                         ballots: ["RAA": .inFavour, "RBB": .inFavour, "RCC": .abstain]).evaluate()
        #expect(!o.carried)
        #expect(o.reason == "not carried: reserved matter needs every member for; not for: RCC (abstain)")
    }

    @Test func reservedSupermajorityCountsAllMembers() throws {
        let m = try MatterType.parse("reserved:75%")
        #expect(m == .supermajority(Decimal(string: "0.75")!))
        let o = try Vote(basis: .shareWeighted(shares: shares), matter: m, ballots: ["RAA": .inFavour, "RCC": .inFavour]).evaluate()
        #expect(o.carried) // 0.624 + 0.126 = 0.75: exactly the bar, which "at least" meets
        #expect(o.reason == "carried: 75.00% of all members' share-weighted votes were for, needed at least 75.00% (reserved matter)")
    }

    @Test func nonMemberBallotIsAnError() {
        #expect(throws: (any Error).self) {
            try Vote(basis: .equal(members: ["A"]), matter: .ordinary, ballots: ["B": .inFavour]).evaluate()
        }
    }
}
