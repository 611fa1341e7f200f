import CapitalCore
import Foundation
import Testing
@testable import Funding

@Suite struct SharesFileTests {
    let valuationJSON = """
    {"formed": "2025-04-01", "methods": [
      {"method": "contribution", "total": "300.00", "trusts": [
        {"trust": "RAA", "categories": {}, "total": "100.00", "share": "0.3333333333333333333333333333333333333", "percent": "33.34"},
        {"trust": "RBB", "categories": {}, "total": "200.00", "share": "0.6666666666666666666666666666666666667", "percent": "66.66"}]},
      {"method": "pay", "total": "4.00", "trusts": [
        {"trust": "RAA", "categories": {}, "total": "1.00", "share": "0.25", "percent": "25.00"},
        {"trust": "RBB", "categories": {}, "total": "3.00", "share": "0.75", "percent": "75.00"}]}],
     "unavailable": []}
    """

    @Test func valuationOutputDefaultsToTheFirstMethod() throws {
        let s = try SharesFile.parse(json: valuationJSON, fileName: "shares.json")
        #expect(s.method == "contribution")
        let parts = try ShareApportioner.apportion(amount: Pence(100), shares: s)
        #expect(parts.map(\.amount.value) == [33, 67])
    }

    @Test func aMethodCanBeChosen() throws {
        let s = try SharesFile.parse(json: valuationJSON, fileName: "shares.json", method: "pay")
        #expect(s.share(of: "RBB") == Decimal(string: "0.75")!)
        #expect(throws: UserError.self) { try SharesFile.parse(json: valuationJSON, fileName: "shares.json", method: "volume") }
    }

    @Test func simpleFormAndItsErrors() throws {
        let s = try SharesFile.parse(json: #"{"shares": {"RBB": "0.75", "RAA": "0.25"}}"#, fileName: "s.json")
        #expect(s.trusts == ["RAA", "RBB"])
        do { _ = try SharesFile.parse(json: #"{"shares": {"RAA": 0.25}}"#, fileName: "s.json"); Issue.record("accepted a JSON number") }
        catch let e as UserError { #expect(e.message.contains("must be a string")) }
        #expect(throws: UserError.self) { try SharesFile.parse(json: #"{"shares": {"RAA": "-0.25", "RBB": "1"}}"#, fileName: "s.json") }
        #expect(throws: UserError.self) { try SharesFile.parse(json: "[1]", fileName: "s.json") }
    }

    @Test func apportionmentRenderings() throws {
        let s = try SharesFile.parse(json: #"{"shares": {"RAA": "0.25", "RBB": "0.75"}}"#, fileName: "s.json")
        let parts = try ShareApportioner.apportion(amount: Pence(100_000_001), shares: s)
        let json = try FundingRendering.apportionmentJSON(amount: Pence(100_000_001), shares: s, parts: parts)
        #expect(json.contains(#""amount" : "250000.00""#) || json.contains(#""amount" : "250000.01""#))
        let table = FundingRendering.apportionmentTable(amount: Pence(100_000_001), shares: s, parts: parts)
        #expect(table.contains("Total") && table.contains("£1,000,000.01"))
        #expect(table.contains("25.0000%") && table.contains("75.0000%") && !table.contains("0.75"))
    }
}
