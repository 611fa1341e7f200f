import CapitalCore
import Testing
@testable import Planning

@Suite struct OptionTests {
    let policy = PlanningPolicy(firstYear: 2026, years: 15, budgets: Array(repeating: .pounds(5_000_000), count: 15))

    @Test func shortLifeUltrasoundGetsRepeatReplacements() throws {
        let pm = try PlanModel(assets: [asset("US-1", .ultrasound, installed: 2005)], policy: policy)
        let labels = pm.model.items[0].options.map(\.label)
        // none; 15 chains; and the 8 chains that replace twice (starting 2026–2033) once more as a single year.
        #expect(labels.count == 24)
        #expect(labels[0] == "none")
        #expect(labels[1] == "2026+2033+2040" && labels[2] == "2026")
        #expect(labels.contains("2027+2034") && labels.contains("2027"))
        #expect(labels.contains("2033+2040"))
        #expect(labels.last == "2040")
        // The pattern's uses: one budget entry per replacement year, inflated.
        let uses = pm.model.items[0].options[3].uses
        #expect(Set(uses.keys) == ["budget:2027", "budget:2034"])
        #expect(uses["budget:2027"] == PlanModel.price(of: pm.entries[0].asset, in: 2027, policy: policy).value)
    }

    @Test func mustReplaceByRestrictsOptions() throws {
        var p = policy
        p.mustReplace = [.init(trust: "RAA", tag: "CT-1", year: 2028)]
        let pm = try PlanModel(assets: [asset("CT-1", .ct, installed: 2012)], policy: p)
        #expect(pm.model.items[0].options.map(\.label) == ["2026+2036", "2026", "2027+2037", "2027", "2028+2038", "2028"])
    }

    @Test func excludedAssetHasOneOption() throws {
        var p = policy
        p.exclusions = [.init(trust: "RAA", tag: "MR-1"), .init(modality: .dental)]
        let pm = try PlanModel(assets: [asset("MR-1", .mri, installed: 2010), asset("D-1", .dental, installed: 2010),
                                        asset("MR-2", .mri, installed: 2010)], policy: p)
        #expect(pm.model.items.map { $0.options.count } == [1, 1, 21])
        #expect(pm.model.items[0].options[0].label == "none")
        #expect(pm.model.items[0].options[0].penalty == pm.entries[0].installed.reduce(0) { $0 + $1.total }.rounded())
    }

    @Test func capResourcesOnlyWhereTheyCanBind() throws {
        let pm = try PlanModel(assets: [asset("CT-1", .ct, installed: 2012), asset("CT-2", .ct, installed: 2012),
                                        asset("CT-3", .ct, installed: 2012, site: "S2"),
                                        asset("US-1", .ultrasound, installed: 2012), asset("US-2", .ultrasound, installed: 2012)],
                               policy: policy)
        let caps = pm.model.resources.map(\.id).filter { $0.hasPrefix("cap:") }
        #expect(caps.count == 15)
        #expect(caps.first == "cap:RAA/S1:CT:2026")
        #expect(pm.model.items[0].options[1].uses["cap:RAA/S1:CT:2026"] == 1)
    }

    @Test func contradictionsAndDuplicatesAreUserErrors() {
        var p = policy
        p.mustReplace = [.init(trust: "RAA", tag: "CT-1", year: 2028)]
        p.exclusions = [.init(modality: .ct)]
        #expect(throws: UserError.self) { try PlanModel(assets: [asset("CT-1", .ct, installed: 2012)], policy: p) }
        #expect(throws: UserError.self) {
            try PlanModel(assets: [asset("CT-1", .ct, installed: 2012), asset("CT-1", .ct, installed: 2014)], policy: policy)
        }
        var disposed = asset("CT-1", .ct, installed: 2012)
        disposed.status = .disposed
        #expect((try? PlanModel(assets: [disposed], policy: policy))?.entries.count == 0)
    }
}
