import CapitalCore
import Foundation
@testable import Samples
import Testing
@testable import Valuation

@Suite struct ContributionsFileTests {
    func message(_ yaml: String, known: Set<String>? = nil) -> String {
        do {
            _ = try ContributionsFile.parse(yaml: yaml, fileName: "c.yaml", knownTrusts: known)
            return "no error"
        } catch { return String(describing: error) }
    }

    let head = """
    formed: 2025-04-01
    discount_rate: 0.035
    price_list: {CT: 85.00, MRI: 140.00}
    trusts:
      RAA:

    """

    @Test func negativeAmountNamesLineTrustAndField() {
        #expect(message(head + "    staff: -5.00\n") == "c.yaml:6: trust RAA, field staff: `-5.00` is negative; amounts must be zero or more")
    }

    @Test func unknownKeyIsRefused() {
        #expect(message(head + "    staf: 5.00\n").hasPrefix("c.yaml:6: trust RAA, field staf: unknown key `staf` in trust RAA"))
        #expect(message("formd: 2025-04-01\n").hasPrefix("c.yaml:1: field formd: unknown key `formd` in the top level"))
    }

    @Test func missingPriceForActivity() {
        #expect(message(head + "    activity: {CT: 10, XR: 5}\n")
                == "c.yaml:6: trust RAA, field activity.XR: no price for XR in price_list; add one or remove this line")
    }

    @Test func investmentBeforeFormationIsReadNotRefused() throws {
        // The three-month rule is the Valuer's: the file is read whatever the date (issue 17).
        #expect(message(head + "    investments:\n      - {amount: 10.00, date: 2023-03-31}\n") == "no error")
        #expect(message("lifespan_years: 0\n" + head + "    staff: 1.00\n").hasPrefix("c.yaml:1: field lifespan_years: `0` is not a whole number of years from 1 to 200"))
    }

    @Test func malformedDate() {
        #expect(message("formed: 2025-02-30\n").hasPrefix("c.yaml:1: field formed: `2025-02-30` is not a date"))
        #expect(message(head + "    investments:\n      - {amount: 10.00, date: 01/05/2025}\n").contains("c.yaml:7: trust RAA, field investments[1].date"))
    }

    @Test func unknownTrustAgainstTheNetwork() {
        #expect(message(head + "    staff: 5.00\n", known: ["RBB"]) == "c.yaml:5: trust RAA: unknown trust; the network's trusts are RBB")
    }

    @Test func fractionsOfAPennyAndBadYAML() {
        #expect(message(head + "    land: 1.005\n").contains("c.yaml:6: trust RAA, field land: `1.005` has a fraction of a penny"))
        #expect(message(head + "    land: lots\n").contains("c.yaml:6: trust RAA, field land: `lots` is not an amount of money (e.g. 1000"))
        #expect(message("formed: [2025\n").hasPrefix("c.yaml: not valid YAML: line"))
        #expect(message(head + "    staff: 1.00\n    staff: 2.00\n").hasPrefix("c.yaml: not valid YAML: line "))
    }

    @Test func amountsAreReadExactly() throws {
        let c = try ContributionsFile.parse(yaml: head + "    staff: \"£4,200,000.10\"\n    costs: {pay: 0.07}\n", fileName: "c.yaml")
        #expect(c.trusts[0].staff.value == 420_000_010)
        #expect(c.trusts[0].costs.pay.value == 7)
        #expect(c.discountRate == Decimal(string: "0.035")!)
    }
}

@Suite struct SampleContributionsTests {
    @Test func sampleFileIsDeterministicAndValid() throws {
        let formed = CalendarDate(year: 2025, month: 4, day: 1)!
        let trusts = [(code: "RAA", assets: 300), (code: "RBB", assets: 120), (code: "RCC", assets: 40)]
        let a = SampleContributions.yaml(formed: formed, trusts: trusts, seed: 7)
        #expect(a == SampleContributions.yaml(formed: formed, trusts: trusts.reversed(), seed: 7))
        #expect(a != SampleContributions.yaml(formed: formed, trusts: trusts, seed: 8))
        let parsed = try ContributionsFile.parse(yaml: a, fileName: "sample.yaml")
        #expect(parsed.trusts.map(\.code).sorted() == ["RAA", "RBB", "RCC"])
        let report = try SharesReport.compute(contributions: parsed)
        for set in report.sets { #expect(set.trusts.reduce(0) { $0 + $1.percentUnits } == 10_000) }
        // The bigger trust contributes more.
        let contribution = try #require(report.set(.contribution))
        #expect(contribution.share(of: "RAA")!.share > contribution.share(of: "RCC")!.share)
    }
}
