import CapitalCore
import Reconciliation
import XCTest

final class SerialKeyTests: XCTestCase {
    func testCaseSpacesPunctuationAndMarkers() {
        XCTAssertEqual(SerialKey.normalise("aqlb, 7741"), "AQLB7741")
        XCTAssertEqual(SerialKey.normalise("AQLB7741"), "AQLB7741")
        XCTAssertEqual(SerialKey.normalise("S/N 60123"), "60123")
        XCTAssertEqual(SerialKey.normalise("s/n:REV-88121"), "REV88121")
        XCTAssertEqual(SerialKey.normalise("SN: 4432211"), "4432211")
        XCTAssertEqual(SerialKey.normalise("Serial No. LE10-339281"), "LE10339281")
        // "SN" glued to the serial is part of it, not a marker.
        XCTAssertEqual(SerialKey.normalise("SN4432"), "SN4432")
    }

    func testExcelScientificNotationAndLeadingZeros() {
        XCTAssertEqual(SerialKey.normalise("6.0123E+4"), "60123")
        XCTAssertEqual(SerialKey.normalise("6.0123e+04"), "60123")
        XCTAssertEqual(SerialKey.normalise("1.5E3"), "1500")
        XCTAssertEqual(SerialKey.normalise("00453"), "453")
        // Not a number Excel could have written: kept as text.
        XCTAssertEqual(SerialKey.normalise("6.0123E+2"), "60123E2")
        XCTAssertEqual(SerialKey.normalise("LE10"), "LE10")
    }

    func testTooShortOrEmptyIsNoSerial() {
        XCTAssertNil(SerialKey.normalise(nil))
        XCTAssertNil(SerialKey.normalise("  "))
        XCTAssertNil(SerialKey.normalise("S/N 1"))
        XCTAssertNil(SerialKey.normalise("-"))
    }
}

final class ReconcilerTests: XCTestCase {
    func d(_ s: String) -> CalendarDate { CalendarDate(iso: s)! }

    func asset(_ tag: String, serial: String? = nil, maker: String? = "Siemens Healthineers", model: String? = "SOMATOM Definition AS+",
               modality: String = "CT", site: String? = "RI", date: String? = "2012-03-14", cost: Int64? = 845_000,
               description: String? = "CT Scanner") -> ReconcileItem {
        ReconcileItem(key: tag, serial: serial, manufacturer: maker, model: model, description: description, modality: modality,
                      site: site, date: date.map(d), cost: cost.map { .pounds($0) })
    }

    func fin(_ number: String, serial: String? = nil, maker: String? = "Siemens Healthineers", model: String? = "CT SOMATOM DEF AS+",
             modality: String = "CT", site: String? = "RI", date: String? = "2012-03-14", cost: Int64? = 845_000,
             description: String? = "SIEMENS CT SOMATOM DEF AS+") -> ReconcileItem {
        ReconcileItem(key: number, serial: serial, manufacturer: maker, model: model, description: description, modality: modality,
                      site: site, date: date.map(d), cost: cost.map { .pounds($0) })
    }

    func testSerialRuleMatchesExcelMangledSerialAndReportsDifferences() {
        let r = Reconciler().reconcile(assets: [asset("EQ1", serial: "60123", site: "Royal Infirmary", cost: 845_000)],
                                       finance: [fin("FA1", serial: "6.0123E+4", site: "RI01", date: "2012-04-01", cost: 830_000)])
        XCTAssertEqual(r.matched.count, 1)
        let m = r.matched[0]
        XCTAssertEqual(m.rule, .serial)
        XCTAssertEqual(m.confidence, 0.99, accuracy: 1e-9)
        XCTAssertEqual(m.costDifference, .pounds(-15_000))
        XCTAssertEqual(m.dateDifferenceDays, 18)
        XCTAssertTrue(m.siteDiffers)
        XCTAssertEqual(r.aliasProposals, [SiteAliasProposal(financeSite: "RI01", assetSite: "Royal Infirmary", pairs: 1)])
    }

    func testSerialOneTypoApartMatchesWithLowerConfidenceButNotAcrossManufacturers() {
        let r = Reconciler().reconcile(assets: [asset("EQ1", serial: "REV4432211", date: nil), asset("EQ2", serial: "ABC12345", maker: "Philips", date: nil)],
                                       finance: [fin("FA1", serial: "REV4432271", date: nil), fin("FA2", serial: "ABC12346", site: "GH", date: nil)])
        XCTAssertEqual(r.matched.map { [$0.asset, $0.finance] }, [[0, 0]])
        XCTAssertEqual(r.matched[0].confidence, 0.85, accuracy: 1e-9)
        XCTAssertEqual(r.cmmsOnly, [1])
        XCTAssertEqual(r.financeOnly, [1])
    }

    func testSerialInTheDescriptionWithoutAMarker() {
        let r = Reconciler().reconcile(assets: [asset("EQ1", serial: "LE10-339281", maker: "GE HealthCare", model: "LOGIQ E10", modality: "US")],
                                       finance: [fin("FA1", maker: nil, model: nil, modality: "US", description: "GE LOGIQ E10 LE10339281")])
        XCTAssertEqual(r.matched.first?.rule, .serial)
        XCTAssertEqual(r.matched.first?.confidence ?? 0, 0.90, accuracy: 1e-9)
    }

    func testSameSerialTwiceIsAmbiguous() {
        let r = Reconciler().reconcile(assets: [asset("EQ1", serial: "X-55120"), asset("EQ2", serial: "x55120")],
                                       finance: [fin("FA1", serial: "X55120")])
        XCTAssertTrue(r.matched.isEmpty)
        XCTAssertEqual(r.ambiguous, [ReconcileAmbiguity(finance: [0], assets: [0, 1], rule: .serial)])
        XCTAssertTrue(r.cmmsOnly.isEmpty)
        XCTAssertTrue(r.financeOnly.isEmpty)
    }

    func testMakeModelDateCostWithinTolerances() {
        let assets = [asset("EQ1", model: "Ingenia Elition X", modality: "MRI", date: "2021-01-05", cost: 1_620_000)]
        let inside = fin("FA1", maker: "Philips", model: "INGENIA ELITION 3T MRI", modality: "MRI", date: "2021-03-30", cost: 1_700_000)
        var a = assets
        a[0].manufacturer = "Philips"
        let r = Reconciler().reconcile(assets: a, finance: [inside])
        XCTAssertEqual(r.matched.first?.rule, .makeModelDateCost)
        XCTAssertEqual(r.matched.first?.dateDifferenceDays, 84)
        // 91 days, or cost 11% over, or another model: no match by this rule.
        for outside in [fin("FA2", maker: "Philips", model: "INGENIA ELITION", modality: "MRI", date: "2021-04-06", cost: 1_620_000),
                        fin("FA3", maker: "Philips", model: "INGENIA ELITION", modality: "MRI", date: "2021-01-05", cost: 1_800_000),
                        fin("FA4", maker: "Philips", model: "ACHIEVA", modality: "MRI", date: "2021-01-05", cost: 1_620_000)] {
            let none = Reconciler().reconcile(assets: a, finance: [outside])
            XCTAssertTrue(none.matched.filter { $0.rule == .makeModelDateCost }.isEmpty, outside.key)
        }
    }

    func testMakeModelTwoEquallyCloseAssetsAreAmbiguous() {
        let assets = [asset("EQ1", model: "LOGIQ E10", modality: "US", date: "2018-05-25", cost: 54_000),
                      asset("EQ2", model: "LOGIQ E10", modality: "US", date: "2018-05-25", cost: 54_000)]
        let r = Reconciler().reconcile(assets: assets, finance: [fin("FA1", model: "LOGIQ E10", modality: "US", date: "2018-05-20", cost: 54_000)])
        XCTAssertEqual(r.ambiguous.first?.assets, [0, 1])
        XCTAssertEqual(r.ambiguous.first?.rule, .makeModelDateCost)
    }

    /// A record whose two candidates are equally close waits while another record takes its clear winner; then its
    /// remaining candidate is its own clear winner (one pass would have marked both assets ambiguous).
    func testMakeModelClearWinnersFirstThenWhatIsLeft() {
        let assets = [asset("EQ1", model: "LOGIQ E10", modality: "US", date: "2018-05-01", cost: 54_000),
                      asset("EQ2", model: "LOGIQ E10", modality: "US", date: "2018-05-20", cost: 55_000)]
        let finance = [fin("FA0", model: "LOGIQ E10", modality: "US", date: "2018-05-10", cost: 54_500),
                       fin("FA1", model: "LOGIQ E10", modality: "US", date: "2018-05-20", cost: 55_000)]
        let r = Reconciler().reconcile(assets: assets, finance: finance)
        XCTAssertEqual(r.matched.map { [$0.finance, $0.asset] }, [[0, 0], [1, 1]])
        XCTAssertTrue(r.ambiguous.isEmpty)
    }

    func testDescriptionSimilarityWithinASite() {
        let assets = [asset("EQ1", maker: "Hologic", model: "Horizon A", modality: "DEXA", site: "CDC", date: nil, cost: nil, description: "DEXA Scanner"),
                      asset("EQ2", maker: "Hologic", model: "Horizon A", modality: "DEXA", site: "GH", date: nil, cost: nil, description: "DEXA Scanner")]
        let r = Reconciler().reconcile(assets: assets, finance: [fin("FA1", maker: "Hologic", model: "HORIZON A DEXA", modality: "DEXA", site: "GH",
                                                                     date: "2013-02-22", cost: 88_000, description: "HOLOGIC HORIZON A DEXA")])
        XCTAssertEqual(r.matched.map(\.asset), [1])
        XCTAssertEqual(r.matched.first?.rule, .description)
        XCTAssertFalse(r.matched.first!.siteDiffers)
    }

    func testDecisionsAcceptAndRejectOverrideRules() {
        let assets = [asset("EQ1", serial: "60123"), asset("EQ2", serial: nil, date: nil, cost: nil, description: "Scanner")]
        let finance = [fin("FA1", serial: "60123")]
        let rejected = Reconciler().reconcile(assets: assets, finance: finance,
                                              decisions: [ReconcileDecision(assetTag: "EQ1", assetNumber: "FA1", accept: false)])
        XCTAssertFalse(rejected.matched.contains { $0.asset == 0 })
        let accepted = Reconciler().reconcile(assets: assets, finance: finance,
                                              decisions: [ReconcileDecision(assetTag: "EQ2", assetNumber: "FA1", accept: true)])
        XCTAssertEqual(accepted.matched.map { [$0.asset, $0.finance] }, [[1, 0]])
        XCTAssertEqual(accepted.matched.first?.rule, .decision)
        XCTAssertEqual(accepted.cmmsOnly, [0])
    }

    func testEveryItemInExactlyOneCategoryAndLargeTrustIsQuick() {
        var assets: [ReconcileItem] = [], finance: [ReconcileItem] = []
        for i in 0..<10_000 {
            let date = CalendarDate(daysSinceEpoch: 14_000 + (i * 37) % 5_000)
            let a = ReconcileItem(key: "EQ\(i)", serial: "SN\(100_000 + i * 7)", manufacturer: "M\(i % 9)", model: "Model \(i % 40)",
                                  description: "Device \(i % 40)", modality: ["CT", "MRI", "US", "XR"][i % 4], site: "S\(i % 5)",
                                  date: date, cost: .pounds(Int64(50_000 + (i % 97) * 1_000)))
            assets.append(a)
            if i % 20 != 0 {
                var f = a
                f.key = "FA\(i)"
                if i % 13 == 0 { f.serial = nil }
                finance.append(f)
            }
        }
        let r = Reconciler().reconcile(assets: assets, finance: finance)
        let assetsSeen = r.matched.map(\.asset) + r.cmmsOnly + r.ambiguous.flatMap(\.assets)
        let financeSeen = r.matched.map(\.finance) + r.financeOnly + r.ambiguous.flatMap(\.finance)
        XCTAssertEqual(assetsSeen.sorted(), Array(assets.indices))
        XCTAssertEqual(financeSeen.sorted(), Array(finance.indices))
        XCTAssertEqual(r.cmmsOnly.count, 500)
        let wrong = r.matched.filter { assets[$0.asset].key.dropFirst(2) != finance[$0.finance].key.dropFirst(2) }
        XCTAssertEqual(wrong.count, 0)
    }
}
