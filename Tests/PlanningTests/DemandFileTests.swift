import CapitalCore
import Testing
@testable import Planning

/// The demand file: CSV `trust,site,modality,scans_per_year,growth`; errors name the file, row, column and value.
@Suite struct DemandFileTests {
    @Test func readsRowsWithOptionalSiteAndGrowth() throws {
        let text = "Trust, Site ,modality,scans_per_year,growth\r\nRAA,RAA01,CT,20_000,0.05\nRBB,,mri,9000,\n\n"
        let rows = try DemandFile.parse(csv: text, fileName: "d.csv")
        #expect(rows == [DemandEntry(trust: "RAA", site: "RAA01", modality: .ct, scansPerYear: 20_000, growth: 0.05),
                         DemandEntry(trust: "RBB", site: nil, modality: .mri, scansPerYear: 9000, growth: nil)])
        // Without the optional columns.
        #expect(try DemandFile.parse(csv: "trust,modality,scans_per_year\nRAA,US,5000\n", fileName: "d.csv").count == 1)
    }

    @Test(arguments: [
        ("trust,site,modality,scans_per_year\nRAA,,CAT,10\n", "d.csv: row 2, column modality: `CAT` is not one of"),
        ("trust,site,modality,scans_per_year\nRAA,,CT,lots\n", "d.csv: row 2, column scans_per_year: `lots` is not a number"),
        ("trust,site,modality,scans_per_year\nRAA,,CT,1e300\n", "d.csv: row 2, column scans_per_year: `1e300`"),
        ("trust,site,modality,scans_per_year\nRAA,,CT,-5\n", "d.csv: row 2, column scans_per_year: `-5`"),
        ("trust,site,modality,scans_per_year,growth\nRAA,,CT,5,nan\n", "d.csv: row 2, column growth: `nan`"),
        ("trust,site,modality,scans_per_year\n,,CT,5\n", "d.csv: row 2, column trust: `` is empty"),
        ("site,modality,scans_per_year\nS,CT,5\n", "d.csv: row 1: no `trust` column"),
        ("", "d.csv: the file is empty"),
    ])
    func errorsNameRowColumnAndValue(text: String, expected: String) {
        let error = #expect(throws: UserError.self) { try DemandFile.parse(csv: text, fileName: "d.csv") }
        #expect(error?.message.hasPrefix(expected) == true, "\(error?.message ?? "")")
    }
}
