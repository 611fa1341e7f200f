import Foundation
import Testing
@testable import Register
import CapitalCore

@Suite struct NormalisationTests {
    static let header = "Equipment No,Description,Manufacturer,Model,Serial No,Site,Acquisition Date,Purchase Price,Status,End of Support\n"

    func one(_ line: String, profile: String = "cmms-equip", header: String = NormalisationTests.header) throws -> RowOutcome {
        try #require(try Fixtures.normalise(header + line + "\n", profile: profile).first)
    }

    @Test(arguments: ["N/A", "n/a", "-", "?", "unknown", "Unknown", "NONE", "TBC", "blank", " n/a "])
    func missingValueWordsBecomeNil(word: String) throws {
        let a = try #require(try one("EQ1,CT Scanner,GE,Rev,\(word),Site A,01/02/2020,100.00,In Use,\(word)").asset)
        #expect(a.serial == nil)
        #expect(a.endOfManufacturerSupport == nil)
    }

    @Test(arguments: [("GE", "GE HealthCare"), ("General Electric", "GE HealthCare"), ("GE Healthcare", "GE HealthCare"),
                      ("GE Medical Systems", "GE HealthCare"), ("Philips", "Philips"), ("Phillips", "Philips"),
                      ("Philips Medical Systems", "Philips"), ("Siemens", "Siemens Healthineers"), ("Siemens Healthineers", "Siemens Healthineers"),
                      ("Canon", "Canon Medical"), ("Canon Medical", "Canon Medical"), ("Toshiba", "Canon Medical"), ("Fuji", "Fujifilm"),
                      ("FUJIFILM", "Fujifilm"), ("Siemens Healthcare GmbH", "Siemens Healthineers"), ("Acme Imaging", "Acme Imaging")])
    func manufacturerAliases(given: String, canonical: String) throws {
        let a = try #require(try one("EQ1,CT Scanner,\(given),M,S1,Site,01/02/2020,100,In Use,").asset)
        #expect(a.manufacturer == canonical)
        #expect(a.manufacturerAsGiven == given)
    }

    @Test(arguments: [("CT Scanner", Modality.ct), ("Computed Tomography", .ct), ("CT Sim", .ct), ("PET-CT", .petCT), ("PET/CT Scanner", .petCT),
                      ("OPG", .dental), ("Mobile DR unit", .mobileXRay), ("Mobile X-Ray", .mobileXRay), ("X-Ray Room (DR)", .generalRadiography),
                      ("MRI 1.5T", .mri), ("Ultrasound Scanner", .ultrasound), ("Gamma Camera", .gammaCamera), ("Angiography Suite", .interventional),
                      ("Fluoroscopy Room", .fluoroscopy), ("DEXA Scanner", .dexa), ("Mammography", .mammography)])
    func modalityKeywords(description: String, modality: Modality) throws {
        let a = try #require(try one("EQ1,\(description),GE,Model,S1,Site,01/02/2020,100,In Use,").asset)
        #expect(a.modality == modality)
    }

    @Test(arguments: ["X-Ray Film Viewer", "Endoscopy stack", "Lead apron rack"])
    func nonImagingRowsAreSkippedWithAReason(description: String) throws {
        let skip = try #require(try one("EQ1,\(description),Generic,M,S1,Site,01/02/2020,100,In Use,").skip)
        #expect(skip.kind == .nonImaging)
        #expect(skip.message.contains(description))
    }

    @Test func unrecognisedModalityIsSkippedWithAWarning() throws {
        let skip = try #require(try one("EQ1,Widget,Generic,M,S1,Site,01/02/2020,100,In Use,").skip)
        #expect(skip.kind == .unrecognisedModality)
        #expect(skip.issue?.severity == .warning)
    }

    @Test(arguments: [("In Use", AssetStatus.inUse), ("in use", .inUse), ("Condemned", .disposed), ("Standby", .standby),
                      ("Out of Service", .outOfService), ("", .inUse)])
    func statusWords(word: String, status: AssetStatus) throws {
        let a = try #require(try one("EQ1,CT,GE,M,S1,Site,01/02/2020,100,\(word),").asset)
        #expect(a.status == status)
    }

    @Test func unknownStatusWarns() throws {
        let o = try one("EQ1,CT,GE,M,S1,Site,01/02/2020,100,Sleeping,")
        #expect(o.asset?.status == .inUse)
        #expect(o.warnings.contains { $0.rule == .unknownStatus && $0.value == "Sleeping" })
    }

    @Test func datesFollowTheDeclaredOrder() throws {
        #expect(try ValueParsers.date("03/04/2020", order: .dmy).get().iso == "2020-04-03")
        #expect(try ValueParsers.date("03/04/2020", order: .mdy).get().iso == "2020-03-04")
        #expect(try ValueParsers.date("2020-04-03", order: .mdy).get().iso == "2020-04-03") // ISO is never ambiguous
        #expect(try ValueParsers.date("14-Mar-2012", order: .dmy).get().iso == "2012-03-14")
        #expect(try ValueParsers.date("14/03/2012 00:00", order: .dmy).get().iso == "2012-03-14")
        #expect((try? ValueParsers.date("13/25/2020", order: .mdy).get()) == nil)
        #expect((try? ValueParsers.date("14/03/12", order: .dmy).get()) == nil) // two-digit year
        #expect((try? ValueParsers.date("yesterday", order: .dmy).get()) == nil)
    }

    /// Issue 15: a year alone, or a month and year, is an install date read as 1 July / the 1st, with a warning.
    @Test func approximateInstallDatesLoadWithAWarningNamingTheRow() throws {
        for (text, iso) in [("2011", "2011-07-01"), ("03/2011", "2011-03-01"), ("3-2011", "2011-03-01"), ("Mar 2011", "2011-03-01"),
                            ("March 2011", "2011-03-01"), ("2011-03", "2011-03-01")] {
            let o = try one("EQ1,CT,GE,M,S1,Site,\(text),100,In Use,")
            #expect(o.asset?.installDate?.iso == iso, "\(text)")
            let w = o.warnings.first { $0.rule == .approximateDate }
            #expect(w?.row == 2 && w?.value == text && w?.message.contains("read as \(iso) (approximated)") == true, "\(text): \(o.warnings)")
        }
        #expect(ValueParsers.approximateDate("2011")?.kind == .yearOnly)
        for bad in ["13/2011", "03/11", "2011/2012", "0/2011", "Foo 2011", "03//2011", "201"] {
            #expect(ValueParsers.approximateDate(bad) == nil, "\(bad)")
        }
        // Not a month: still an error. Only install dates may be approximate: a year-only end of support is an error.
        let bad = try one("EQ1,CT,GE,M,S1,Site,13/2011,100,In Use,")
        #expect(bad.errors.first?.rule == .invalidDate)
        let eos = try one("EQ1,CT,GE,M,S1,Site,2011,100,In Use,2030")
        #expect(eos.errors.first?.rule == .invalidDate && eos.errors.first?.column == "End of Support")
    }

    @Test func impossibleDateIsAnErrorNamingTheValue() throws {
        let o = try one("EQ1,CT,GE,M,S1,Site,30/02/2022,100,In Use,")
        let e = try #require(o.errors.first)
        #expect(e.rule == .invalidDate)
        #expect(e.value == "30/02/2022")
        #expect(e.column == "Acquisition Date")
        #expect(e.message.contains("30/02/2022"))
        #expect(!e.message.contains("1970"))
    }

    @Test func moneyForms() throws {
        #expect(try ValueParsers.money("£1,234.50").get().0 == Pence(123_450))
        #expect(try ValueParsers.money("845000").get().0 == Pence(84_500_000))
        #expect(try ValueParsers.money("£68,950.00 ex VAT").get().1 == .exclusive)
        #expect(try ValueParsers.money("1200 inc VAT").get().1 == .inclusive)
        #expect(try ValueParsers.money("GBP 1,000").get().0 == Pence(100_000))
        #expect(try ValueParsers.money("68950.000000001").get().0 == Pence(6_895_000))
        #expect((try? ValueParsers.money("-£5,000.00").get()) == nil)
        #expect((try? ValueParsers.money("(500.00)").get()) == nil)
        #expect((try? ValueParsers.money("1,23,4").get()) == nil)
        #expect((try? ValueParsers.money("twelve").get()) == nil)
    }

    @Test func negativeAndUnparseableMoneyRejectTheRow() throws {
        #expect(try one("EQ1,CT,GE,M,S1,Site,01/02/2020,-£5.00,In Use,").errors.first?.rule == .negativeMoney)
        #expect(try one("EQ1,CT,GE,M,S1,Site,01/02/2020,lots,In Use,").errors.first?.rule == .invalidMoney)
    }

    @Test func vatInclusiveProfileStoresExVAT() throws {
        let h = "Asset ID,Device Type,Make,Install Date,Cost (inc VAT)\n"
        let a = try #require(try one("A-1,\"Scanning Systems, Computed Tomography\",GE,12/31/2019,1200.00", profile: "cmms-mems", header: h).asset)
        #expect(a.purchaseCost == Pence(100_000))
        #expect(a.installDate?.iso == "2019-12-31")
        #expect(a.modality == .ct)
    }

    @Test func identifiersStayText() throws {
        let a = try #require(try one("0012,MRI,Philips,Ingenia,0189F27741,Site,01/02/2020,100,In Use,").asset)
        #expect(a.assetTag == "0012")
        #expect(a.serial == "0189F27741")
        let b = try #require(try one("EQ2,MRI,Philips,Ingenia,2090E0076397,Site,01/02/2020,100,In Use,").asset)
        #expect(b.serial == "2090E0076397") // looks like 2090E+... to a spreadsheet, but is intact text
    }

    @Test func excelDamagedSerialIsFlagged() throws {
        #expect(ValueParsers.looksExcelDamaged("2.09E+11"))
        #expect(ValueParsers.looksExcelDamaged("6E+12"))
        #expect(!ValueParsers.looksExcelDamaged("2090E0076397"))
        #expect(!ValueParsers.looksExcelDamaged("0189F27741"))
        let o = try one("EQ1,CT,GE,M,2.09E+11,Site,01/02/2020,100,In Use,")
        #expect(o.errors.first?.rule == .excelDamaged)
        #expect(o.errors.first?.column == "Serial No")
    }

    @Test func requiredTagAndFutureDate() throws {
        // No tag and no serial to key the row by (issue 15: a serial alone is enough, see MappingOptionTests).
        #expect(try one(",CT,GE,M,,Site,01/02/2020,100,In Use,").errors.first?.rule == .required)
        #expect(try one(",CT,GE,M,S1,Site,01/02/2020,100,In Use,").asset?.assetTag == "serial:S1")
        let f = try one("EQ1,CT,GE,M,S1,Site,01/02/2030,100,In Use,")
        #expect(f.warnings.contains { $0.rule == .futureDate })
    }

    @Test func duplicatesExactAndConflicting() throws {
        let line = "EQ1,CT,GE,M,S1,Site,01/02/2020,100,In Use,"
        let out = try Fixtures.normalise(Self.header + line + "\n" + line + "\n" + "EQ1,CT,GE,M,S2,Site,01/02/2020,100,In Use,\n", profile: "cmms-equip")
        #expect(out[0].asset != nil)
        #expect(out[1].skip?.kind == .exactDuplicate)
        #expect(out[1].skip?.issue?.message.contains("row 2") == true)
        #expect(out[2].errors.first?.rule == .duplicateTag)
        #expect(out[2].errors.first?.message.contains("row 2") == true)
    }

    @Test func sameDeviceUnderTwoTagsIsReportedNotMerged() throws {
        let out = try Fixtures.normalise(Self.header + "EQ1,CT,GE,Rev,S1,Site,01/02/2020,100,In Use,\nEQ2,CT,GE Healthcare,Rev,S1,Site,01/02/2020,100,In Use,\n", profile: "cmms-equip")
        #expect(out[0].asset != nil && out[1].asset != nil)
        #expect(out[1].warnings.contains { $0.rule == .duplicateDevice && $0.message.contains("row 2") })
    }

    @Test func expectedLifeFromRegisterReplacementDateOrPolicy() throws {
        let h = "Equipment No,Description,Acquisition Date,Replacement Date\n"
        #expect(try one("EQ1,CT,01/01/2010,01/01/2018", header: h).asset.map { ($0.expectedLifeYears, $0.expectedLifeSource) }! == (8, .replacementDate))
        #expect(try one("EQ1,Ultrasound,01/01/2010,", header: h).asset.map { ($0.expectedLifeYears, $0.expectedLifeSource) }! == (7, .policyDefault))
        let f = "Asset Number,Asset Description,Useful Life (Months),Date Placed In Service\n"
        let a = try #require(try one("FA-1,GE REVOLUTION EVO CT,96,2019-11-02", profile: "finance-far", header: f).asset)
        #expect(a.expectedLifeYears == 8 && a.expectedLifeSource == .register)
    }

    @Test func financeDescriptionEmbedsManufacturerModelSerial() throws {
        let h = "Asset Number,Asset Description,Gross Book Value,Net Book Value,Disposal Date\n"
        let a = try #require(try one("FA-210334,SIEMENS CT SOMATOM DEF AS+ S/N 60123,845000.00,0.00,2025-01-31", profile: "finance-far", header: h).asset)
        #expect(a.manufacturer == "Siemens Healthineers")
        #expect(a.manufacturerAsGiven == "SIEMENS")
        #expect(a.serial == "60123")
        #expect(a.model == "CT SOMATOM DEF AS+")
        #expect(a.netBookValue == Pence(0))
        #expect(a.status == .disposed)
    }

    @Test func criticalityWordsAndDefaults() throws {
        let h = "Equipment No,Description,Risk Category\n"
        #expect(try one("EQ1,CT,High", header: h).asset?.criticality == 5)
        #expect(try one("EQ1,CT,2", header: h).asset?.criticality == 2)
        let d = try #require(try one("EQ1,DEXA,", header: h).asset)
        #expect(d.criticality == Modality.dexa.defaultCriticality && !d.criticalityFromRegister)
    }

    @Test func errorReportEscapesFormulaCells() {
        #expect(ErrorReportWriter.cell("=SUM(A1)") == "'=SUM(A1)")
        #expect(ErrorReportWriter.cell("+44") == "'+44")
        #expect(ErrorReportWriter.cell("-£5,000.00") == "\"'-£5,000.00\"")
        #expect(ErrorReportWriter.cell("@cmd") == "'@cmd")
        #expect(ErrorReportWriter.cell("plain") == "plain")
        let i = ValidationIssue(file: "f.csv", row: 3, column: "Cost", value: "=1+1", rule: .invalidMoney, message: "bad, \"really\"", severity: .error)
        let text = String(decoding: ErrorReportWriter.csv([i]).dropFirst(3), as: UTF8.self)
        #expect(text == "file,row,column,value,rule,message,severity\r\nf.csv,3,Cost,'=1+1,invalid_money,\"bad, \"\"really\"\"\",error\r\n")
    }
}
