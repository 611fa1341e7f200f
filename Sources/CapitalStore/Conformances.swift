import CapitalCore
import Foundation
import Funding
import Postgres

// The core value types travel to and from PostgreSQL in its text formats: `date` as YYYY-MM-DD, money as `numeric`
// pounds with two decimals, times as the stores select them (`to_char(… AT TIME ZONE 'UTC', …)`), enums as text.

extension CalendarDate: PostgresParsable {
    /// The date as `YYYY-MM-DD`.
    public var postgresText: String { iso }
    /// PostgreSQL's `date` (OID 1082).
    public static var postgresType: UInt32 { 1082 }
    /// A `date` column's `YYYY-MM-DD`, else nil.
    public static func parse(postgresText text: String) -> CalendarDate? { CalendarDate(iso: text) }
}

extension Pence: PostgresParsable {
    /// The amount in pounds with two decimals, no symbol or separators (`1234.50`).
    public var postgresText: String { plain }
    /// PostgreSQL's `numeric` (OID 1700).
    public static var postgresType: UInt32 { 1700 }
    /// A `numeric` column of pounds, in pence; nil when it is not an amount in pounds and pence.
    public static func parse(postgresText text: String) -> Pence? { Pence(pounds: text) }
}

extension Timestamp: PostgresParsable {
    /// `YYYY-MM-DDTHH:MM:SSZ`.
    public var postgresText: String { iso }
    /// PostgreSQL's `timestamptz` (OID 1184).
    public static var postgresType: UInt32 { 1184 }
    /// `YYYY-MM-DDTHH:MM:SSZ`, else nil.
    public static func parse(postgresText text: String) -> Timestamp? { Timestamp(iso: text) }
}

extension ApprovalStatus: PostgresTextEnum {}
extension ChargeKind: PostgresTextEnum {}
extension CallStatus: PostgresTextEnum {}
