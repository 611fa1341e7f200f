import Foundation
import CapitalCore

/// Generates one trust's register rows in its layout (the column shapes of the shipped profiles).
enum SampleRows {
    static let equipHeaders = ["Equipment No", "Description", "Manufacturer", "Model", "Serial No", "Site", "Department", "Acquisition Date",
                               "Purchase Price", "Replacement Date", "Status", "Risk Category", "End of Support", "Maintenance Provider",
                               "Contract End", "Annual Contract Value"]
    static let memsHeaders = ["Asset ID", "Device Type", "Make", "Model Number", "Serial Number", "Location", "Sub Location", "Install Date",
                              "Cost (inc VAT)", "Condition", "Lifecycle Status", "Expected Life (Yrs)", "EOL Date", "Contract Vendor",
                              "Contract Expiry", "Contract Cost", "Failures (12m)", "Downtime Hrs (12m)", "Criticality (1-5)", "Network Exclusive"]
    static let financeHeaders = ["Asset Number", "Asset Description", "Asset Category", "Location Code", "Date Placed In Service", "Gross Book Value",
                                 "Accumulated Depreciation", "Net Book Value", "Useful Life (Months)", "Remaining Life (Months)", "Cost Centre", "Disposal Date"]
    static let missingWords = ["N/A", "-", "?", "unknown", "n/a", "TBC", "none"]

    static func write(_ tf: inout SampleNetwork.TrustFile, to url: URL, injectInvalid: Bool, rng: inout SplitMix64, asOf: CalendarDate,
                      finance: SampleFinance? = nil) throws {
        let layout = tf.layout
        let w: SampleRegisterWriter
        switch layout {
        case .equipCSV1252: w = try SampleRegisterWriter(csv: url, encoding: .windows1252, delimiter: 0x2C, crlf: true, dateOrder: .dmy)
        case .equipCSVSemicolon: w = try SampleRegisterWriter(csv: url, encoding: .utf8, delimiter: 0x3B, crlf: false, dateOrder: .dmy)
        case .memsCSVBOM: w = try SampleRegisterWriter(csv: url, encoding: .utf8BOM, delimiter: 0x2C, crlf: true, dateOrder: .mdy)
        case .financeCSV: w = try SampleRegisterWriter(csv: url, encoding: .utf8, delimiter: 0x2C, crlf: false, dateOrder: .ymd)
        case .financeXLSX: w = try SampleRegisterWriter(xlsx: url, sheet: "Fixed Assets", sharedStrings: true, customDateFormat: false)
        case .memsXLSX: w = try SampleRegisterWriter(xlsx: url, sheet: "Assets", sharedStrings: false, customDateFormat: true)
        }
        let headers: [String]
        switch layout.profile {
        case "cmms-equip": headers = equipHeaders
        case "cmms-mems": headers = memsHeaders
        default: headers = financeHeaders
        }
        try w.write(headers.map { .text($0) })
        let siteCodes = SampleManifest.siteCodes(tf.sites)
        var rows = 0
        var firstRow: [SampleCell] = []
        for i in 0..<tf.assets {
            let row = assetRow(i, layout: layout, sites: tf.sites, siteCodes: siteCodes, rng: &rng, asOf: asOf)
            try w.write(row); rows += 1
            try finance?.add(cmmsRow: row)
            if i == 0 { firstRow = row }
            if i == 4 { try w.write(row); rows += 1; tf.exactDuplicates += 1 } // an exact duplicate row, as exports do
            if i % 97 == 50 { try w.write(nonImagingRow(i, layout: layout, sites: tf.sites, siteCodes: siteCodes, rng: &rng)); rows += 1; tf.nonImagingRows += 1 }
            if injectInvalid && i == 10 {
                for bad in invalidRows(layout: layout, template: firstRow) { try w.write(bad); rows += 1; tf.invalidRows += 1 }
            }
        }
        tf.rows = rows
        try w.close()
    }

    static func tag(_ i: Int, _ profile: String) -> String {
        let n = String(i + 1), padded = String(repeating: "0", count: max(0, 7 - n.count)) + n
        switch profile {
        case "cmms-equip": return "EQ" + padded
        case "cmms-mems": return "A-" + padded
        default: return "FA-" + padded
        }
    }

    static func assetRow(_ i: Int, layout: SampleNetwork.Layout, sites: [String], siteCodes: [String], rng: inout SplitMix64, asOf: CalendarDate) -> [SampleCell] {
        let kind = SampleCatalogue.pickKind(&rng)
        let (maker, model) = rng.pick(kind.models)
        let spelling = rng.chance(35) ? rng.pick(SampleCatalogue.spellings[maker] ?? [maker]) : maker
        let ageBand = rng.below(100)
        let ageDays = ageBand < 45 ? rng.below(5 * 365) : ageBand < 75 ? 5 * 365 + rng.below(5 * 365) : ageBand < 95 ? 10 * 365 + rng.below(5 * 365) : 15 * 365 + rng.below(5 * 365)
        let install = asOf.adding(days: -ageDays - 1)
        let price = kind.modality.indicativePricePounds * Int64(75 + rng.below(50)) / 100 // ±25%
        let cost = Pence.pounds(price) + Pence(Int64(rng.below(100)) * 50)
        let siteIndex = rng.below(sites.count)
        let serial = String(model.prefix(2)).uppercased() + String(10_000_000 + (i &* 7919) % 90_000_000) + (rng.chance(20) ? "X" : "")
        let life = kind.modality.defaultLifeYears
        let missing = rng.chance(4) ? rng.pick(missingWords) : nil
        let contractCost = Pence(cost.value * Int64(8 + rng.below(3)) / 100)
        let statusRoll = rng.below(100)
        let dept = rng.pick(kind.departments)
        switch layout.profile {
        case "cmms-equip":
            let status = statusRoll < 85 ? rng.pick(["In Use", "in use", "In use"]) : statusRoll < 92 ? "Standby" : statusRoll < 97 ? "Out of Service" : "Condemned"
            let money = rng.chance(70) ? cost.formatted : cost.formatted.replacingOccurrences(of: "£", with: "")
            let eos: SampleCell = missing.map { .text($0) } ?? (rng.chance(50) ? .date(install.adding(years: life + 1)) : .text(""))
            return [.text(tag(i, "cmms-equip")), .text(rng.pick(kind.cmmsDescriptions)), .text(spelling), .text(model), .text(serial),
                    .text(sites[siteIndex]), .text(dept), .date(install), .text(money), .date(install.adding(years: life)), .text(status),
                    .text(rng.pick(["High", "Medium", "Low"])), eos, .text(maker + " Service"), .date(asOf.adding(days: 30 + rng.below(900))),
                    .text(contractCost.formatted)]
        case "cmms-mems":
            let status = statusRoll < 88 ? "Deployed" : statusRoll < 95 ? "Standby" : "Down"
            let incVAT = Pence((cost.value * 120 + 50) / 100)
            return [.text(tag(i, "cmms-mems")), .text(kind.memsDeviceType), .text(spelling), .text(model), .text(serial), .text(sites[siteIndex]),
                    .text(dept), .date(install), .number(incVAT.plain), .text(rng.pick(["Good", "Fair", "Poor"])), .text(status),
                    .number(String(life)), missing.map { .text($0) } ?? .date(install.adding(years: life + 2)), .text(maker),
                    .date(asOf.adding(days: 30 + rng.below(900))), .number(contractCost.plain), .number(String(rng.below(6))),
                    .number(String(rng.below(80))), .number(String(kind.modality.defaultCriticality)), .text(rng.chance(70) ? "Y" : "N")]
        default:
            let months = life * 12
            let ageMonths = min(months, ageDays / 30)
            let depreciation = Pence(cost.value * Int64(ageMonths) / Int64(months))
            let sn = rng.chance(40) ? " S/N \(serial)" : ""
            let disposal: SampleCell = statusRoll >= 97 ? .date(asOf.adding(days: -rng.below(300) - 1)) : .text(missing == nil ? "" : "")
            return [.text(tag(i, "finance-far")), .text("\(spelling.uppercased()) \(model.uppercased()) \(kind.financeWord)\(sn)"),
                    .text("Medical Equipment > Imaging"), .text(siteCodes[siteIndex]), .date(install), .number(cost.plain),
                    .number(depreciation.plain), .number((cost - depreciation).plain), .number(String(months)), .number(String(months - ageMonths)),
                    .text(dept.uppercased().replacingOccurrences(of: " ", with: "-")), disposal]
        }
    }

    static func nonImagingRow(_ i: Int, layout: SampleNetwork.Layout, sites: [String], siteCodes: [String], rng: inout SplitMix64) -> [SampleCell] {
        let (desc, maker, model) = rng.pick(SampleCatalogue.nonImaging)
        let t = "N" + tag(i, layout.profile)
        switch layout.profile {
        case "cmms-equip":
            return [.text(t), .text(desc), .text(maker), .text(model), .text("unknown"), .text(sites[0]), .text("Fracture Clinic"),
                    .text("01/01/2001"), .text("£350.00"), .text(""), .text("Condemned"), .text("Low"), .text(""), .text(""), .text(""), .text("")]
        case "cmms-mems":
            return [.text(t), .text(desc), .text(maker), .text(model), .text("N/A"), .text(sites[0]), .text("Outpatients"), .text("01/01/2001"),
                    .number("420.00"), .text("Poor"), .text("Deployed"), .number("10"), .text(""), .text(""), .text(""), .text(""),
                    .text(""), .text(""), .number("1"), .text("N")]
        default:
            return [.text(t), .text("\(maker.uppercased()) \(desc.uppercased())"), .text("Medical Equipment > Other"), .text(siteCodes[0]),
                    .text("2014-05-01"), .number("95000.00"), .number("95000.00"), .number("0.00"), .number("84"), .number("0"), .text("ENDO"), .text("")]
        }
    }

    /// Five invalid rows (first trust only): an impossible date, a negative cost, no asset tag (nor serial), a serial
    /// mangled by Excel, and a reused asset tag with different values.
    static func invalidRows(layout: SampleNetwork.Layout, template: [SampleCell]) -> [[SampleCell]] {
        let p = layout.profile
        let (tagCol, dateCol, costCol, serialCol): (Int, Int, Int, Int) = p == "cmms-equip" ? (0, 7, 8, 4) : p == "cmms-mems" ? (0, 7, 8, 4) : (0, 4, 5, 1)
        var rows: [[SampleCell]] = []
        var r = template
        r[tagCol] = .text(tag(900_001, p)); r[dateCol] = .text(p == "cmms-mems" ? "02/30/2022" : p == "cmms-equip" ? "30/02/2022" : "2022-02-30"); rows.append(r)
        r = template; r[tagCol] = .text(tag(900_002, p)); r[costCol] = .text("-£5,000.00"); rows.append(r)
        // No tag, and no serial column value to key the row by instead (issue 15), so it stays invalid.
        r = template; r[tagCol] = .text(""); if p != "finance-far" { r[serialCol] = .text("") }; rows.append(r)
        r = template; r[tagCol] = .text(tag(900_004, p))
        if p == "finance-far" { r[serialCol] = .text("SIEMENS CT SCANNER S/N 2.09E+11") } else { r[serialCol] = .text("2.09E+11") }
        rows.append(r)
        r = template; if case .text(let s) = r[serialCol] { r[serialCol] = .text(s + " REFURB") }; rows.append(r) // same tag as row 2, different values
        return rows
    }
}
