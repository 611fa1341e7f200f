import CapitalCore

/// What a column's values say for or against a canonical field, and the profile-wide guesses made from the mapped
/// columns (date order, units, VAT, manufacturer in the description, modality fields), for ``ProfileInference``.
enum FieldEvidence {
    static let dateFields: Set<CanonicalField> = Set(MappingProfile.dateFields)
    static let moneyFields: Set<CanonicalField> = [.purchaseCost, .netBookValue, .contractAnnualCost]
    static let countFields: Set<CanonicalField> = [.expectedLife, .failures, .downtime]

    /// A header or value fit to quote in a one-line comment: control characters as spaces, at most 60 characters.
    static func shown(_ s: String, limit: Int = 60) -> String {
        let clean = String(String.UnicodeScalarView(s.unicodeScalars.map { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0x2028 || $0.value == 0x2029 ? " " : $0 }))
        return clean.count <= limit ? clean : String(clean.prefix(limit - 1)) + "…"
    }

    static func examples(_ e: ColumnEvidence) -> String { e.examples.map { "\"\(shown($0))\"" }.joined(separator: ", ") }

    /// Points for or against `field` from a column's values, with the reason; value-only evidence (no header match)
    /// scores only where the values alone are telling (site codes, manufacturer names, modality words).
    static func valueScore(_ field: CanonicalField, _ e: ColumnEvidence, headerMatched: Bool) -> (Int, String) {
        let n = e.nonEmpty
        func of(_ k: Int, _ what: String) -> String { "\(k) of \(n) values \(what)" }
        guard n > 0 else { return headerMatched ? (-10, "empty in the sample") : (0, "") }
        if !headerMatched {
            switch field {
            case .site where e.share(e.siteCodes) >= 0.8: return (55, of(e.siteCodes, "look like ODS site codes") + ", e.g. \(examples(e))")
            case .manufacturer where e.share(e.manufacturers) >= 0.5: return (55, of(e.manufacturers, "are known manufacturers") + ", e.g. \(examples(e))")
            case .description where e.share(e.imagingWords + e.nonImagingWords) >= 0.3 && e.share(e.withSpaces) >= 0.3:
                return (50, of(e.imagingWords, "name an imaging modality") + ", e.g. \(examples(e))")
            default: return (0, "")
            }
        }
        if dateFields.contains(field) {
            let d = e.dates + e.yearOnly + e.monthYear
            return e.share(d) >= 0.6 ? (10, of(d, "are dates") + ", e.g. \(examples(e))") : (-80, "but only " + of(d, "are dates") + ", e.g. \(examples(e))")
        }
        if moneyFields.contains(field) {
            let m = e.money + e.integers
            return e.share(m) >= 0.8 ? (10, of(m, "are amounts") + ", e.g. \(examples(e))") : (-80, "but only " + of(m, "are amounts") + ", e.g. \(examples(e))")
        }
        if countFields.contains(field) {
            let m = e.integers + (field == .downtime ? e.money : 0)
            return e.share(m) >= 0.8 ? (5, of(m, "are numbers")) : (-80, "but only " + of(m, "are numbers") + ", e.g. \(examples(e))")
        }
        switch field {
        case .assetTag:
            let blank = e.values > e.nonEmpty ? " (\(e.values - e.nonEmpty) rows have none: such a row is keyed by its serial)" : ""
            if e.share(e.distinct) >= 0.9 { return (10, of(e.distinct, "are distinct") + ", e.g. \(examples(e))" + blank) }
            return e.share(e.distinct) < 0.5 ? (-60, "but only " + of(e.distinct, "are distinct")) : (0, of(e.distinct, "are distinct"))
        case .serial:
            return e.share(e.serialLike) >= 0.5 ? (10, of(e.serialLike, "look like serial numbers") + ", e.g. \(examples(e))") : (0, "e.g. \(examples(e))")
        case .manufacturer:
            return e.share(e.manufacturers) >= 0.3 ? (10, of(e.manufacturers, "are known manufacturers")) : (0, "e.g. \(examples(e))")
        case .description, .modality, .model, .category:
            let w = e.imagingWords + e.nonImagingWords
            return w > 0 ? (5, of(e.imagingWords, "name an imaging modality") + ", \(e.nonImagingWords) other equipment, e.g. \(examples(e))") : (0, "e.g. \(examples(e))")
        case .site:
            let s = max(e.siteCodes, e.siteWords)
            return e.share(s) >= 0.5 ? (15, of(s, "look like sites (ODS codes or hospital names)") + ", e.g. \(examples(e))")
                : (-15, "but its values look like departments or wards, not sites, e.g. \(examples(e))")
        case .department:
            return e.share(max(e.siteCodes, e.siteWords)) >= 0.5 ? (-15, "but its values look like sites, e.g. \(examples(e))") : (0, "e.g. \(examples(e))")
        case .status:
            return e.share(e.statusWords) >= 0.5 ? (10, of(e.statusWords, "are status words")) : (0, "e.g. \(examples(e))")
        case .criticality:
            return e.share(e.criticalityWords) >= 0.5 ? (10, of(e.criticalityWords, "are criticality words or 1–5")) : (-40, "but its values are not criticality words, e.g. \(examples(e))")
        case .exclusive:
            return e.share(e.yesNoWords) >= 0.8 ? (5, of(e.yesNoWords, "are yes/no")) : (-60, "but its values are not yes/no, e.g. \(examples(e))")
        default:
            return (0, "e.g. \(examples(e))")
        }
    }

    /// The date order a column's values decide (nil when every date reads either way, or there are none), with why.
    static func order(_ e: ColumnEvidence) -> (DateOrder, String)? {
        let shownDates = e.decidingDates.map { "\"\(shown($0))\"" }.joined(separator: ", ")
        if e.dayFirstDates > 0 && e.dayFirstDates >= e.monthFirstDates {
            return (.dmy, "\(e.dayFirstDates) dates can only be day first (\(shownDates))" + (e.monthFirstDates > 0 ? ", but \(e.monthFirstDates) only month first: check them" : ""))
        }
        if e.monthFirstDates > 0 { return (.mdy, "\(e.monthFirstDates) dates can only be month first (\(shownDates))" + (e.dayFirstDates > 0 ? ", but \(e.dayFirstDates) only day first: check them" : "")) }
        if e.isoDates > 0 && e.ambiguousDates == 0 { return (.ymd, "\(e.isoDates) dates are year first (ISO, e.g. \(examples(e)))") }
        return nil
    }

    /// The whole proposal from the chosen columns.
    static func assemble(fileName: String, headers: [String], headerRow: Int, rowsSampled: Int, fields: [ProfileProposal.FieldGuess],
                         evidence: [ColumnEvidence], usable: [Bool], firstWithKey: [String: Int]) -> ProfileProposal {
        func column(_ f: CanonicalField) -> Int? { fields[f.ordinal].column }
        // Dates: each mapped date column's own order; the file's is the one most columns (then most dates) decide.
        var decided: [(field: CanonicalField, order: DateOrder, why: String, weight: Int)] = []
        var ambiguous = 0, ambiguousExample = ""
        for f in MappingProfile.dateFields {
            guard let c = column(f) else { continue }
            let e = evidence[c]
            if let (o, why) = order(e) { decided.append((f, o, why, e.dayFirstDates + e.monthFirstDates + e.isoDates)) }
            if e.ambiguousDates > 0 && ambiguousExample.isEmpty { ambiguousExample = examples(e) }
            ambiguous += e.ambiguousDates
        }
        var votes: [DateOrder: (columns: Int, weight: Int)] = [:]
        for d in decided where d.order != .ymd { votes[d.order, default: (0, 0)].columns += 1; votes[d.order, default: (0, 0)].weight += d.weight }
        let dateOrder: DateOrder, dateWhy: String
        if let best = votes.sorted(by: { a, b in a.value.columns != b.value.columns ? a.value.columns > b.value.columns : a.value.weight != b.value.weight ? a.value.weight > b.value.weight : a.key.rawValue < b.key.rawValue }).first {
            dateOrder = best.key
            dateWhy = decided.filter { $0.order == best.key }.map { "\($0.field.rawValue): \($0.why)" }.joined(separator: "; ")
        } else if ambiguous > 0 {
            dateOrder = .dmy
            dateWhy = "every date in the sample reads either way (e.g. \(ambiguousExample)); day first, the UK order, is assumed: check a date you know"
        } else if let iso = decided.first {
            dateOrder = .ymd; dateWhy = "\(iso.field.rawValue): \(iso.why)"
        } else {
            dateOrder = .dmy; dateWhy = "no dates in the mapped columns; day first, the UK order, is assumed"
        }
        let perColumn = decided.filter { $0.order != dateOrder && $0.order != .ymd }.map { (field: $0.field, order: $0.order, evidence: $0.why) }
        // Expected life in months or years: the header says, else values above 40 can only be months.
        var life = MappingProfile.LifeUnit.years, lifeWhy = "no expected-life column; years"
        if let c = column(.expectedLife) {
            let k = TextKey.make(headers[c])
            if k.contains("month") || k.contains("mths") { life = .months; lifeWhy = "the header says months" } else if k.contains("year") || k.contains("yrs") {
                lifeWhy = "the header says years"
            } else if evidence[c].largestInteger > 40 { life = .months; lifeWhy = "values up to \(evidence[c].largestInteger): too long for years" } else { lifeWhy = "values up to \(evidence[c].largestInteger): years" }
        }
        let downtime: MappingProfile.DowntimeUnit = column(.downtime).map { TextKey.make(headers[$0]).contains("day") } == true ? .days : .hours
        var vat = false, vatWhy = "no cost header says it includes VAT"
        if let c = column(.purchaseCost) {
            let k = " " + TextKey.make(headers[c]) + " "
            if [" inc vat ", " incl vat ", " including vat ", " inclusive of vat ", " gross of vat "].contains(where: { k.contains($0) }) { vat = true; vatWhy = "the header says it includes VAT" }
        }
        var fromDescription = false, fromWhy = "a manufacturer column is mapped"
        if column(.manufacturer) == nil {
            if let c = column(.description), evidence[c].share(evidence[c].startsWithManufacturer) >= 0.3 {
                fromDescription = true
                fromWhy = "no manufacturer column, and \(evidence[c].startsWithManufacturer) of \(evidence[c].nonEmpty) descriptions start with a manufacturer's name (e.g. \(examples(evidence[c])))"
            } else { fromWhy = "no manufacturer column, and the descriptions do not start with manufacturers' names" }
        }
        var modalityFrom = [CanonicalField.modality, .description, .model, .category].filter { column($0) != nil }
        var modalityWhy = "the columns that name the equipment; department is not used (a monitor in X-ray is not an X-ray machine)"
        if modalityFrom.isEmpty, column(.department) != nil {
            modalityFrom = [.department]; modalityWhy = "no column names the equipment, so the department is used: check the rows it loads"
        } else if modalityFrom.isEmpty { modalityWhy = "no column names the equipment: no row will be recognised as imaging" }
        let taken = Set(fields.compactMap(\.column))
        let unmapped = headers.indices.filter { !taken.contains($0) }.map { i -> ProfileProposal.Unmapped in
            let key = TextKey.make(headers[i])
            let why: String
            if key.isEmpty { why = "the header has no letters or digits, so a profile cannot name it" } else if !usable[i], let first = firstWithKey[key] {
                why = "the same header as column \(first + 1), so a profile cannot tell them apart"
            } else { why = describe(evidence[i]) }
            return .init(column: i, header: headers[i], evidence: why)
        }
        let stem = fileName.split(separator: ".").dropLast().joined(separator: ".")
        let name = TextKey.make(stem.isEmpty ? fileName : stem).replacingOccurrences(of: " ", with: "-")
        return ProfileProposal(name: name.isEmpty ? "profile" : String(name.prefix(60)), fileName: fileName, headerRow: headerRow, rowsSampled: rowsSampled,
                               fields: fields, dateOrder: dateOrder, dateEvidence: dateWhy, columnDateOrders: perColumn, lifeUnit: life, lifeEvidence: lifeWhy,
                               downtimeUnit: downtime, vatInclusive: vat, vatEvidence: vatWhy, manufacturerFromDescription: fromDescription,
                               manufacturerEvidence: fromWhy, modalityFrom: modalityFrom, modalityEvidence: modalityWhy, unmapped: unmapped)
    }

    /// What an unmapped column holds, in words.
    static func describe(_ e: ColumnEvidence) -> String {
        guard e.nonEmpty > 0 else { return "empty in the sample" }
        let kinds: [(Int, String)] = [(e.dates, "dates"), (e.money, "amounts of money"), (e.integers, "whole numbers"), (e.siteCodes, "ODS-like codes"),
                                      (e.serialLike, "codes"), (e.withSpaces, "text")]
        let what = kinds.first(where: { e.share($0.0) >= 0.6 })?.1 ?? "mixed values"
        return "\(what), e.g. \(examples(e)); no field for it"
    }
}
