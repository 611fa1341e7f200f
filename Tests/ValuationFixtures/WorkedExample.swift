import CapitalCore
import Valuation

/// The worked example of docs/valuation.md: three trusts, every category, every method.
public enum WorkedExample {
    public static let yaml = """
    network: Example Imaging Network
    formed: 2025-04-01
    discount_rate: 0.05
    price_list: {CT: 85.00, MRI: 140.00, XR: 22.00}
    trusts:
      AAA:
        activity: {CT: 10000, MRI: 5000, XR: 50000}
        staff: 1000000.00
        executive: 100000.00
        land: 500000.00
        investments:
          - {amount: 200000.00, date: 2025-07-01}
          - {amount: 1215506.25, date: 2029-04-01}
        it_equipment: 50000.00
        working_capital: 100000.00
        stranded_costs: 60000.00
        costs: {pay: 2000000.00, non_pay: 600000.00, operating: 3000000.00}
      BBB:
        activity: {CT: 6000, XR: 30000}
        staff: 600000.00
        executive: 50000.00
        imaging_equipment: 400000.00
        it_equipment: 25000.00
        working_capital: 50000.00
        costs: {pay: 1200000.00, non_pay: 400000.00, operating: 1900000.00}
      CCC:
        activity: {MRI: 2000, XR: 20000}
        staff: 400000.00
        executive: 50000.00
        land: 250000.00
        investments:
          - {amount: 100000.00, date: 2025-04-01}
        it_equipment: 25000.00
        working_capital: 50000.00
        stranded_costs: 40000.00
        costs: {pay: 800000.00, non_pay: 300000.00, operating: 1100000.00}
    """

    public static let register: [EquipmentHolding] = [
        EquipmentHolding(trust: "AAA", assetTag: "A-CT1", modality: .ct, purchaseCost: .pounds(700_000),
                         installDate: CalendarDate(year: 2019, month: 4, day: 1), expectedLifeYears: 10, exclusiveToNetwork: true),
        EquipmentHolding(trust: "AAA", assetTag: "A-MR1", modality: .mri, purchaseCost: .pounds(1_000_000),
                         netBookValue: .pounds(450_000), installDate: CalendarDate(year: 2021, month: 1, day: 1),
                         expectedLifeYears: 10, exclusiveToNetwork: true),
        EquipmentHolding(trust: "AAA", assetTag: "A-XR1", modality: .generalRadiography, purchaseCost: .pounds(330_000),
                         installDate: CalendarDate(year: 2024, month: 4, day: 1), expectedLifeYears: 12, exclusiveToNetwork: false),
        EquipmentHolding(trust: "AAA", assetTag: "A-US9", modality: .ultrasound, purchaseCost: .pounds(60_000),
                         installDate: CalendarDate(year: 2024, month: 4, day: 1), exclusiveToNetwork: true, status: .disposed),
        EquipmentHolding(trust: "BBB", assetTag: "B-CT1", modality: .ct, purchaseCost: .pounds(700_000),
                         installDate: CalendarDate(year: 2023, month: 4, day: 1), exclusiveToNetwork: true),
        EquipmentHolding(trust: "CCC", assetTag: "C-MR1", modality: .mri, purchaseCost: .pounds(1_000_000),
                         installDate: CalendarDate(year: 2025, month: 4, day: 1), expectedLifeYears: 10, exclusiveToNetwork: true),
        EquipmentHolding(trust: "ZZZ", assetTag: "Z-CT1", modality: .ct, purchaseCost: .pounds(700_000),
                         installDate: CalendarDate(year: 2025, month: 1, day: 1), exclusiveToNetwork: true),
    ]
}
