import CapitalCore
import Testing

/// The one grammar for money people type (issue 19): every form reads to the exact penny, and nothing else reads.
@Suite struct MoneyTextTests {
    @Test(arguments: [
        ("1000", 100_000), ("1,000.50", 100_050), ("£1,000.50", 100_050), ("750k", 75_000_000), ("2.5m", 250_000_000),
        ("£2.5m", 250_000_000), ("8M", 800_000_000), ("1_000_000", 100_000_000), ("0.01", 1), ("-12.00", -1_200),
        (" 1.25m ", 125_000_000),
    ] as [(String, Int64)])
    func readsEachForm(_ text: String, _ pence: Int64) {
        #expect(MoneyText.parse(text) == Pence(pence), "\(text)")
    }

    @Test(arguments: ["", "m", "1.234", "1.0000001k", "12,34", "five", "1e6", "£", "1..2", "99999999999999999999m", "--5"])
    func refusesTheRest(_ text: String) {
        #expect(MoneyText.parse(text) == nil, "\(text)")
    }

    /// What capital prints for people reads back as the same amount.
    @Test func formattedAmountsReadBack() {
        for value: Int64 in [0, 1, 99, 100_050, 123_456_789_012, -5_000] {
            #expect(MoneyText.parse(Pence(value).formatted) == Pence(value))
            #expect(MoneyText.parse(Pence(value).plain) == Pence(value))
        }
    }
}
