import CapitalCore
import Foundation
import Testing
@testable import Funding

@Suite struct ShareApportionerTests {
    func d(_ s: String) -> Decimal { Decimal(string: s)! }

    @Test func onePennyAmongThreeEqualTrustsGoesToTheFirstCode() throws {
        let parts = try ShareApportioner.apportion(amount: Pence(1), shares: [("RCC", d("1") / 3), ("RAA", d("1") / 3), ("RBB", d("1") / 3)])
        #expect(parts.map(\.trust) == ["RAA", "RBB", "RCC"])
        #expect(parts.map(\.amount.value) == [1, 0, 0])
    }

    @Test func millionAndAPennyAmongSevenSevenths() throws {
        let shares = (1...7).map { (trust: "T\($0)", share: Decimal(1) / 7) }
        let parts = try ShareApportioner.apportion(amount: Pence(100_000_001), shares: shares)
        // 100,000,001 / 7 = 14,285,714.43: the 3 leftover pennies go to T1–T3 (equal remainders, equal shares: trust code)
        #expect(parts.map(\.amount.value) == [14_285_715, 14_285_715, 14_285_715, 14_285_714, 14_285_714, 14_285_714, 14_285_714])
        #expect(parts.reduce(Pence.zero) { $0 + $1.amount } == Pence(100_000_001))
    }

    @Test func zeroSharesPayNothing() throws {
        let parts = try ShareApportioner.apportion(amount: .pounds(1000), shares: [("A", d("0.5")), ("B", 0), ("C", d("0.5"))])
        #expect(parts.map(\.amount.value) == [50_000, 0, 50_000])
    }

    @Test func sharesThatDoNotSumToOneActAsProportions() throws {
        let parts = try ShareApportioner.apportion(amount: Pence(100), shares: [("A", 1), ("B", 1), ("C", 2)])
        #expect(parts.map(\.amount.value) == [25, 25, 50])
    }

    @Test func tieBreakIsLargerShareThenTrustCode() throws {
        // 10p by 0.35 / 0.35 / 0.3 → quotas 3.5 / 3.5 / 3: the two tied remainders split by code
        let a = try ShareApportioner.apportion(amount: Pence(10), shares: [("B", d("0.35")), ("A", d("0.35")), ("C", d("0.3"))])
        #expect(a.map(\.amount.value) == [4, 3, 3])
        // 1p by 1/3 + 1/3 + 1/3 written differently: larger share wins before code
        let b = try ShareApportioner.apportion(amount: Pence(1), shares: [("A", d("0.3")), ("B", d("0.3")), ("Z", d("0.4"))])
        #expect(b.map(\.amount.value) == [0, 0, 1])
    }

    @Test func refundsSplitTheSameWayNegated() throws {
        let parts = try ShareApportioner.apportion(amount: Pence(-100), shares: [("A", 1), ("B", 2)])
        #expect(parts.map(\.amount.value) == [-33, -67])
    }

    @Test func badSharesAreRefused() {
        #expect(throws: UserError.self) { try ShareApportioner.apportion(amount: Pence(1), shares: [("A", -1), ("B", 2)]) }
        #expect(throws: UserError.self) { try ShareApportioner.apportion(amount: Pence(1), shares: [("A", 0)]) }
        #expect(throws: UserError.self) { try ShareApportioner.apportion(amount: Pence(1), shares: [("A", 1), ("A", 1)]) }
        #expect(throws: UserError.self) { try ShareApportioner.apportion(amount: Pence(1), shares: []) }
    }
}

/// A small seeded generator (SplitMix64) so the property test is the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct ShareApportionerPropertyTests {
    @Test func partsSumExactlyStayWithinAPennyAndIgnoreInputOrder() throws {
        var rng = SplitMix64(state: 20_250_401)
        for _ in 0..<3000 {
            let n = Int.random(in: 1...20, using: &rng)
            var shares: [(trust: String, share: Decimal)] = []
            for i in 0..<n {
                // a mix of zero shares, small integers and awkward fractions like 1/3, 1/7
                let kind = Int.random(in: 0..<4, using: &rng)
                let share: Decimal = kind == 0 ? 0 : kind == 1 ? Decimal(Int.random(in: 1...5, using: &rng))
                    : Decimal(1) / Decimal(Int.random(in: 1...13, using: &rng))
                shares.append((trust: String(format: "T%02d", i), share: share))
            }
            if !shares.contains(where: { $0.share > 0 }) { shares[0].share = 1 }
            let amount = Pence(Int64.random(in: -1_000_000...100_000_000_000, using: &rng))
            let parts = try ShareApportioner.apportion(amount: amount, shares: shares)
            #expect(parts.reduce(Pence.zero) { $0 + $1.amount } == amount)
            let sum = shares.reduce(Decimal(0)) { $0 + $1.share }
            for (p, s) in zip(parts, shares) {
                let quota = Decimal(amount.value) * s.share / sum
                #expect((Decimal(p.amount.value) - quota).magnitude < 1, "part of \(p.trust) strays from its quota")
                if s.share == 0 { #expect(p.amount == .zero) }
            }
            let shuffled = try ShareApportioner.apportion(amount: amount, shares: shares.shuffled(using: &rng))
            #expect(shuffled.map(\.trust) == parts.map(\.trust) && shuffled.map(\.amount) == parts.map(\.amount))
            // monotone-ish: a larger share never pays less than a smaller one
            for a in zip(parts, shares) { for b in zip(parts, shares) where a.1.share > b.1.share {
                #expect(a.0.amount.value.magnitude >= b.0.amount.value.magnitude)
            } }
        }
    }

    @Test func moreMoneyNeverMeansLessForAnyTrustWithTwoTrusts() throws {
        // With two trusts largest remainder is house-monotone: adding a penny never takes one away.
        var rng = SplitMix64(state: 7)
        for _ in 0..<500 {
            let s = Decimal(Int.random(in: 1...999, using: &rng)) / 1000
            let shares: [(trust: String, share: Decimal)] = [("A", s), ("B", 1 - s)]
            let amount = Int64.random(in: 0...1_000_000, using: &rng)
            let x = try ShareApportioner.apportion(amount: Pence(amount), shares: shares)
            let y = try ShareApportioner.apportion(amount: Pence(amount + 1), shares: shares)
            #expect(y[0].amount >= x[0].amount && y[1].amount >= x[1].amount)
        }
    }
}
