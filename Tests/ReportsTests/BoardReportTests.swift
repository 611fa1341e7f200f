import CapitalCore
import Foundation
@testable import Reports
import Testing

@Suite struct BoardReportHTMLTests {
    let input = Sample.input()
    let html = BoardReportHTML.render(Sample.input())

    @Test func everySectionInOrder() throws {
        #expect(BoardReportHTML.sectionIDs(for: input) == BoardReportHTML.sectionIDs)
        var last = html.startIndex
        for (i, id) in BoardReportHTML.sectionIDs.enumerated() {
            let range = try #require(html.range(of: "<section id=\"\(id)\""), "section \(id) missing")
            #expect(range.lowerBound >= last, "section \(id) out of order")
            #expect(html[range.lowerBound...].contains("<h2>\(i + 1). "), "section \(id) numbered")
            last = range.lowerBound
        }
        #expect(!html.contains("id=\"risk\""))
    }

    @Test func withoutAFrontierItsSectionIsLeftOutAndTheRestRenumbered() {
        let r = Sample.input(frontier: false)
        let page = BoardReportHTML.render(r)
        #expect(!page.contains("<section id=\"frontier\""))
        #expect(BoardReportHTML.sectionIDs(for: r) == BoardReportHTML.sectionIDs.filter { $0 != "frontier" })
        let shares = Sample.section(page, "shares")
        let expectedNumber = BoardReportHTML.sectionIDs.firstIndex(of: "frontier")! + 1   // shares moves up into the gap
        #expect(shares.contains("<h2>\(expectedNumber). Ownership shares</h2>"))
    }

    @Test func chartsAreInlineSVG() {
        // spend by trust, spend by modality, expected cost, age per year, frontier, shares
        #expect(html.components(separatedBy: "<svg class=\"chart\"").count - 1 == 6)
        #expect(html.contains("class=\"budget\""))
        #expect(html.contains("fill=\"\(SVGCharts.palette[0])\""))
        #expect(html.contains("fill=\"\(SVGCharts.modalityColour(.ct))\""))  // spend by modality
        #expect(html.contains("fill=\"\(SVGCharts.under5Colour)\"") && html.contains("fill=\"\(SVGCharts.over10Colour)\""))
        #expect(html.contains("class=\"target\""))
        let cost = Sample.section(html, "cost")
        #expect(cost.components(separatedBy: "<polyline class=\"series\"").count - 1 == 2)  // with and without
        #expect(cost.contains("<title>With the plan</title>") && cost.contains("<title>Without the plan</title>"))
        #expect(Sample.section(html, "frontier").components(separatedBy: "<polyline class=\"series\"").count - 1 == 1)
        #expect(!html.lowercased().contains("risk score") && !html.contains("Residual risk"))
    }

    @Test func selfContainedAndPrintable() {
        #expect(!html.contains("<script"))
        #expect(!html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http://"))
        #expect(!html.contains("https://"))
        #expect(!html.contains("@import") && !html.contains("@font-face") && !html.contains("<link"))
        #expect(html.contains("@media print") && html.contains("size: A4") && html.contains("break-before: page"))
    }

    @Test func textIsEscaped() {
        #expect(html.contains("Alpha &amp; &lt;Beta&gt; Hospitals"))
        #expect(!html.contains("<Beta>"))
        #expect(html.contains("Test &amp; &lt;Network&gt;"))
        #expect(html.contains("Board &lt;draft&gt; &amp; &quot;final&quot;"))
        #expect(html.contains("Replacements 2026/27 &lt;urgent&gt;"))
        #expect(html.contains("alpha &lt;register&gt;.csv"))
        #expect(html.contains("Charlie&#39;s Trust"))
    }

    @Test func summaryReadsFirstInPounds() throws {
        let head = Sample.section(html, "summary")
        #expect(head.contains("£2,100,000"))
        let avoided = Sample.costsWithout.expected - Sample.costsWithPlan.expected   // money only, no rules' price
        #expect(head.contains("Expected cost avoided") && head.contains(ReportText.pounds(avoided)))
        #expect(head.contains(ReportText.pounds(Sample.costsWithout.expected)) && head.contains(ReportText.pounds(Sample.costsWithPlan.expected)))
        let gap = ReportText.percent((Sample.objective - Sample.bound) / Sample.objective, decimals: 2)
        #expect(head.contains("This plan: \(ReportText.pounds(Sample.objective)) over 3 years (expected cost, plus the price of broken rules and of the backlog left); no plan within these budgets can do better than \(ReportText.pounds(Sample.bound)); gap \(gap)"))
        #expect(head.contains("Hard rules broken") && head.contains("1 unit"))
        let money = Sample.moneyToMeetRules.reduce(Pence.zero) { $0 + $1.amount }
        #expect(head.contains("\(ReportText.money(money)) more would meet them"))
        // Over 10 at the end: the network's last projected year, with and without the plan.
        let last = Sample.network.last!
        #expect(head.contains("Units over 10 years old in 2028/29"))
        #expect(head.contains(ReportText.percent(Double(last.with.over10) / Double(last.with.total))))
        #expect(head.contains(ReportText.percent(Double(last.without.over10) / Double(last.without.total)) + " without it"))
        #expect(!head.contains("risk-years"))
    }

    @Test func additionalUnitsAreCountedAsUnitsAndInstallations() {
        var r = Sample.input()
        r.years[0].additions = 1; r.years[2].additions = 2            // three installations…
        r.details.modalities[0].added = 2                              // …of two additional CT units
        let page = BoardReportHTML.render(r)
        #expect(Sample.section(page, "summary").contains("4 replacements and 2 additional units (3 installations)"))
        #expect(Sample.section(page, "spend").contains("<th>Additional units installed</th>"))
        #expect(BoardReportHTML.headline(r).first?.hasSuffix("for 4 replacements and 2 additional units (3 installations)") == true)
        r.details.modalities[0].added = 3
        #expect(BoardReportHTML.headline(r).first?.hasSuffix("for 4 replacements and 3 additional units") == true)
    }

    @Test func certificateSentenceCases() {
        var p = Sample.input().plan
        p.objective = nil
        #expect(BoardReportHTML.certificateSentence(p).contains("there is no certificate"))
        p.objective = 1_234_567.4; p.bound = nil
        #expect(BoardReportHTML.certificateSentence(p).hasPrefix("This plan: £1,234,567 over 3 years (expected cost, plus the price of broken rules and of the backlog left); the optimiser proved no lower bound"))
        p.objective = 2_000; p.bound = 1_000; p.gap = 0.5; p.unit = .riskYears
        let old = BoardReportHTML.certificateSentence(p)
        #expect(old.contains("risk-years") && old.contains("not money") && !old.contains("£"))
        #expect(old.contains("can leave less than 1,000") && old.contains("gap 50.00%"))
    }

    @Test func expectedCostPerYearAndItsParts() {
        let cost = Sample.section(html, "cost")
        #expect(cost.contains("Expected cost per year, with and without the plan"))
        for y in Sample.yearFigures {
            let share = ReportText.percent((y.4 - y.3) / y.4)
            #expect(cost.contains(Sample.cells(ReportText.financialYear(y.0), ReportText.pounds(y.4), ReportText.pounds(y.3), ReportText.pounds(y.4 - y.3), share)))
        }
        let w = Sample.costsWithPlan, n = Sample.costsWithout
        #expect(cost.contains("<td>Repairs</td>" + Sample.cells(ReportText.pounds(w.repairs), ReportText.pounds(n.repairs), ReportText.pounds(n.repairs - w.repairs))))
        #expect(cost.contains("<td>Expected cost: money</td>" + Sample.cells(ReportText.pounds(w.expected), ReportText.pounds(n.expected), ReportText.pounds(n.expected - w.expected))))
        // The rules' price: apart from the money, and negative avoided when the plan pays more of it.
        #expect(cost.contains("<td>The rules&#39; price: not money</td>" + Sample.cells(ReportText.pounds(w.rulesPrice), ReportText.pounds(n.rulesPrice), "−" + ReportText.pounds(w.rulesPrice - n.rulesPrice))))
        #expect(cost.contains("<td>The backlog left at the end: not money spent in the horizon</td>" + Sample.cells(ReportText.pounds(w.backlogAtEnd), ReportText.pounds(n.backlogAtEnd), "−" + ReportText.pounds(w.backlogAtEnd - n.backlogAtEnd))))
        #expect(cost.contains("<td>What the optimiser minimises</td>" + Sample.cells(ReportText.pounds(Sample.objective), ReportText.pounds(Sample.costWithout), ReportText.pounds(Sample.costWithout - Sample.objective))))
        #expect(cost.contains("it is not money"))
    }

    @Test func breachesAreListedWithTheirMoney() {
        let rules = Sample.section(html, "rules")
        #expect(rules.contains("1 unit breaks a hard rule (\(Sample.breaches.count) breaches"))
        for m in Sample.moneyToMeetRules {
            let y = Sample.yearFigures.first { $0.0 == m.year }!
            #expect(rules.contains(Sample.cells(ReportText.financialYear(m.year), ReportText.money(.pounds(y.1)), ReportText.money(.pounds(y.2)),
                                                ReportText.money(m.amount), ReportText.money(.pounds(y.1) + m.amount))))
        }
        let total = Sample.moneyToMeetRules.reduce(Pence.zero) { $0 + $1.amount }
        #expect(rules.contains("<strong>\(ReportText.money(total)) more</strong>"))
        // One row for the unit: both rules, its first year and age then, two years in breach.
        #expect(rules.contains("<td>CT-OLD</td><td class=\"text\">BBB</td><td class=\"text\">CT</td><td class=\"text\">past its maximum age; too long past end of manufacturer support</td><td>2026/27</td><td>13</td><td>2</td>"))
        #expect(rules.contains("<td>CT</td><td>1</td><td>2026/27</td><td>2 of 3</td><td>\(ReportText.percent(2.0 / 3))</td><td>10%</td>"))
    }

    @Test func longBreachListsPointToTheWorkbookNotSilence() {
        var r = Sample.input()
        r.details.breaches = (1...105).map { .init(trust: "AAA", asset: "U\($0)", modality: .mri, year: 2027, rule: "max_age", age: 11) }
        let rules = Sample.section(BoardReportHTML.render(r), "rules")
        #expect(rules.contains("105 units break a hard rule"))
        #expect(rules.contains("<strong>5 more units</strong>") && rules.contains("Breaches sheet"))
    }

    @Test func noBreachesSaysTheRulesAreMet() {
        var r = Sample.input()
        r.details.breaches = []; r.details.ageShareBreaches = []; r.details.moneyToMeetRules = []; r.plan.breachYears = 0
        let page = BoardReportHTML.render(r)
        #expect(Sample.section(page, "rules").contains("Every unit meets the hard rules in every year"))
        #expect(BoardReportHTML.headline(r).contains("hard rules: met in every year"))
    }

    @Test func ageProfilePerPlanYearAgainstTheRule() {
        let age = Sample.section(html, "age")
        func pct(_ n: Int, _ of: Int) -> String { ReportText.percent(Double(n) / Double(of)) }
        for a in Sample.network {
            let w = a.with, n = a.without
            #expect(age.contains(Sample.cells(ReportText.financialYear(a.year), String(w.total), pct(w.le5, w.total), pct(w.from6to10, w.total), pct(w.over10, w.total))),
                    "network row \(a.year)")
            #expect(age.contains("<td>\(pct(n.le5, n.total))</td><td>\(pct(n.over10, n.total))</td>"), "without the plan \(a.year)")
        }
        // 2026: 2 of 5 at 5 or less and 2 of 5 over 10 break two limits; 2027: 3 of 5 and 1 of 5 miss only the over-10 limit.
        #expect(age.contains("<span class=\"bad\">missed: ≤5, &gt;10</span>"))
        #expect(age.contains(Sample.cells("2027/28", "5", "60.0%", "20.0%", "20.0%") + "<td class=\"text\"><span class=\"bad\">missed: &gt;10</span></td>"))
        // By modality, first and last year: CT 1 of 3 → 2 of 3 at 5 or less; over 10 2 of 3 → 1 of 3; without 2 of 3.
        #expect(age.contains("<td>CT</td>" + Sample.cells("3", pct(1, 3), pct(2, 3), pct(2, 3), pct(1, 3), pct(2, 3))))
        #expect(age.contains("The register today"))
        #expect(age.contains("without the plan"))   // the chart's contrast row
    }

    @Test func capacityShowsFirstAndLastYear() {
        let cap = Sample.section(html, "capacity")
        #expect(cap.contains(Sample.cells("CT", "2026/27", "30,000", "28,000", "28,000") + "<td><span class=\"bad\">2,000</span></td><td>2,000</td>"))
        #expect(cap.contains(Sample.cells("CT", "2028/29", "32,000", "42,000", "28,000", "0", "4,000")))
        #expect(!cap.contains("31,234"))   // middle years are in the workbook
        var r = Sample.input(); r.details.capacity = []
        #expect(Sample.section(BoardReportHTML.render(r), "capacity").contains("without demand"))
    }

    @Test func spendByModalityAndWhatItBuys() {
        let m = Sample.section(html, "modality")
        #expect(m.contains("£ thousands"))
        #expect(m.contains("<td>CT</td>" + Sample.cells("700", "700", "0", "1,400")))
        #expect(m.contains("<td>Mammography</td>" + Sample.cells("0", "0", "400", "400")))
        for s in Sample.details().modalities {
            let perPound = String(format: "£%.2f", s.avoided! / (Double(s.spend.value) / 100))
            #expect(m.contains(Sample.cells(ReportText.money(s.spend), ReportText.pounds(s.avoided!), perPound)), "\(s.modality)")
        }
        let spend = Sample.details().modalities.reduce(Pence.zero) { $0 + $1.spend }
        let avoided = Sample.details().modalities.reduce(0) { $0 + $1.avoided! }
        #expect(m.contains(Sample.cells(ReportText.money(spend), ReportText.pounds(avoided), String(format: "£%.2f", avoided / (Double(spend.value) / 100))) + "</tr></tfoot>"))
    }

    /// The stacked chart of spend by trust has its figures in a table beneath (issue 19), summing to the plan's spend.
    @Test func spendByTrustTableUnderTheChart() {
        let s = Sample.section(html, "spend")
        #expect(s.contains("Planned spend by trust"))
        #expect(s.contains("<td>AAA Alpha &amp; &lt;Beta&gt; Hospitals</td>" + Sample.cells("700", "0", "400", "1,100")))
        #expect(s.contains("<td>BBB Bravo NHS Trust</td>" + Sample.cells("300", "0", "0", "300")))
        #expect(s.contains("<td>Total</td>" + Sample.cells("1,000", "700", "400", "2,100")))
    }

    /// The header says the date the figures are as of and, separately, the day the report was generated.
    @Test func generatedOnBesideAsOf() {
        #expect(html.contains("Figures as of 2026-04-01.") && !html.contains("generated on"))
        let generated = Sample.input(generatedOn: CalendarDate(year: 2026, month: 12, day: 1)!)
        #expect(BoardReportHTML.render(generated).contains("Figures as of 2026-04-01; report generated on 2026-12-01."))
    }

    @Test func frontierTableWithShareOfNeedAndTheStep() {
        let f = Sample.section(html, "frontier")
        #expect(f.contains("What more or less money buys: 50% to 150% of the fleet&#39;s steady-state need"))
        #expect(f.contains("steady-state need") && f.contains(ReportText.money(Sample.need)))
        for (i, p) in Sample.frontierFigures.enumerated() {
            let step = i == 0 ? "–" : ReportText.pounds(Sample.frontierFigures[i - 1].1 - p.1)
            #expect(f.contains(Sample.cells(ReportText.percent(Double(p.0) / 1_000_000, decimals: 0), ReportText.pounds(p.1), step,
                                            ReportText.money(.pounds(p.2)), String(p.3))), "row \(i)")
        }
        // A plan with one budget every year marks that row.
        var r = Sample.input()
        r.years = r.years.map { var y = $0; y.budget = .pounds(1_000_000); return y }
        #expect(Sample.section(BoardReportHTML.render(r), "frontier").contains("<tr class=\"mark\"><td>£1,000,000 <span class=\"unit\">this plan's budget</span>"))
    }

    @Test func anOldRiskYearsPlanIsLabelledAsSuch() {
        let r = Sample.oldPlan()
        let page = BoardReportHTML.render(r)
        #expect(Sample.section(page, "summary").contains("<p class=\"notice\"><strong>This plan was saved before the planner"))
        #expect(Sample.section(page, "summary").contains("its certificate is in risk-years"))
        #expect(!Sample.section(page, "summary").contains("Expected cost avoided"))
        let cost = Sample.section(page, "cost")
        #expect(cost.contains("Risk-years without the plan"))
        #expect(cost.contains(Sample.cells("2027/28", "400 risk-years", "300 risk-years", "100 risk-years", "25.0%")))
        #expect(!cost.contains("£"))
        #expect(cost.contains("no breakdown"))
        #expect(Sample.section(page, "rules").contains("saved before hard rules"))
        #expect(Sample.section(page, "age").contains("no projected age profile"))
        let lines = BoardReportHTML.headline(r)
        #expect(lines.contains { $0.contains("risk-years, not pounds") })
        #expect(lines.contains { $0.contains("hard rules: not checked") })
        #expect(!lines.joined().contains("expected cost over"))
    }

    @Test func headlineReadsInPounds() {
        let lines = BoardReportHTML.headline(input)
        #expect(lines.first == "capital needed 2026/27–2028/29: £2,100,000 for 4 replacements")
        let w = Sample.costsWithPlan.expected, n = Sample.costsWithout.expected
        #expect(lines.contains("expected cost over 3 years: \(ReportText.pounds(w)) with the plan, \(ReportText.pounds(n)) with no replacement (\(ReportText.pounds(n - w)) avoided)"))
        let money = Sample.moneyToMeetRules.reduce(Pence.zero) { $0 + $1.amount }
        #expect(lines.contains("hard rules: \(Sample.breaches.count) breaches by 1 unit; \(ReportText.money(money)) more would meet them"))
        #expect(lines.contains("assets not replaced when due: 2"))
        #expect(lines.last == BoardReportHTML.certificateSentence(input.plan))
    }

    @Test func tablesShowMoneyAsWholePounds() {
        #expect(html.contains("<td>£1,000,000</td>"))
        #expect(html.contains("<td>£500,000</td>"))
        #expect(html.contains("<strong>yes</strong>"))
        #expect(html.contains(String(repeating: "ab", count: 32)))
    }

    @Test func moneyAndEscapingHelpers() {
        #expect(ReportText.money(Pence(123_456_749)) == "£1,234,567")
        #expect(ReportText.money(Pence(123_456_750)) == "£1,234,568")
        #expect(ReportText.money(.zero) == "£0")
        #expect(ReportText.pounds(12_345_678.4) == "£12,345,678")
        #expect(ReportText.pounds(-1_200.5) == "−£1,201")
        #expect(ReportText.pounds(-0.3) == "£0")
        #expect(ReportText.cost(12_345.6, .riskYears) == "12,346 risk-years")
        #expect(ReportText.thousands(Pence(123_456_789)) == "1,235")
        #expect(ReportText.moneyShort(2_500_000_000) == "£2.5bn" && ReportText.moneyShort(12_300_000) == "£12.3m" && ReportText.moneyShort(3e9) == "£3bn")
        #expect(ReportText.html("<a href=\"x\">&'") == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;")
        #expect(ReportText.financialYear(2029) == "2029/30")
        #expect(ReportText.financialYear(2099) == "2099/00")
    }

    @Test func ageBands() {
        let p = AgeProfile.of(Sample.input().fleet, label: "all", asOf: Sample.asOf)
        #expect(p.under5 == 2 && p.fiveToTen == 1 && p.over10 == 1 && p.undated == 1)
        #expect(p.meets(.cocir)?.under5 == false)
        #expect(p.meets(.cocir)?.over10 == false)
        let ok = AgeProfile(label: "x", under5: 6, fiveToTen: 3, over10: 1, undated: 0, meanAge: 0, oldestAge: 0)
        #expect(ok.meets(.cocir).map { $0.under5 && $0.fiveToTen && $0.over10 } == true)
        let projected = PlanDetails.AgeCounts(le5: 6, from6to10: 3, over10: 1)
        #expect(projected.meetsAll(.cocir))
        #expect(!PlanDetails.AgeCounts(le5: 6, from6to10: 2, over10: 2).meetsAll(.cocir))
        #expect(!PlanDetails.AgeCounts(le5: 5, from6to10: 4, over10: 1).meetsAll(.cocir))
    }
}

@Suite struct BoardReportRegistersTests {
    @Test func theTwoRegistersSectionGivesMatchRatesAndTheValueOfEachSideAlone() {
        var r = Sample.input()
        #expect(Sample.section(BoardReportHTML.render(r), "registers").contains("No finance fixed-asset register has been imported"))
        r.registers = [RegisterReconciliation(trust: "RAA", assets: 17, financeRecords: 8, matched: 6, cmmsOnly: 11, cmmsOnlyValue: .pounds(3_359_000),
                                              financeOnly: 2, financeOnlyValue: .pounds(95_000)),
                       RegisterReconciliation(trust: "RBB", assets: 10, financeRecords: 10, matched: 10, cmmsOnly: 0, cmmsOnlyValue: .zero,
                                              financeOnly: 0, financeOnlyValue: .zero)]
        let section = Sample.section(BoardReportHTML.render(r), "registers")
        #expect(section.contains("<td>RAA</td><td>17</td><td>8</td><td>6</td><td>75.0%</td><td>2</td><td>£95,000</td><td>11</td><td>£3,359,000</td>"))
        #expect(section.contains("<td>RBB</td><td>10</td><td>10</td><td>10</td><td>100.0%</td>"))
        #expect(section.contains("<tfoot><tr><td>Total</td><td>27</td><td>18</td><td>16</td><td></td><td>2</td><td>£95,000</td><td>11</td><td>£3,359,000</td>"))
    }
}
