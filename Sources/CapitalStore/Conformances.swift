import CapitalCore
import Foundation
import Funding
import Postgres

// The core value types travel to and from PostgreSQL in its text formats:
// `date` as YYYY-MM-DD, money as `numeric` pounds with two decimals.

extension CalendarDate: PostgresEncodable, PostgresDecodable {
    /// The date as `YYYY-MM-DD`.
    public var postgresText: String { iso }
    /// PostgreSQL's `date` (OID 1082).
    public static var postgresType: UInt32 { 1082 }
    /// Reads a `date` column (`YYYY-MM-DD`); throws a decoding `PostgresError` for anything else.
    public init(postgresText text: String) throws {
        guard let date = CalendarDate(iso: text) else {
            throw PostgresError(kind: .decoding, message: "cannot read \(text) as a date (YYYY-MM-DD)")
        }
        self = date
    }
}

extension Pence: PostgresEncodable, PostgresDecodable {
    /// The amount in pounds with two decimals, no symbol or separators (`1234.50`).
    public var postgresText: String { plain }
    /// PostgreSQL's `numeric` (OID 1700).
    public static var postgresType: UInt32 { 1700 }
    /// Reads a `numeric` column of pounds into pence; throws a decoding `PostgresError` when it is not an amount
    /// in pounds and pence.
    public init(postgresText text: String) throws {
        guard let pence = Pence(pounds: text) else {
            throw PostgresError(kind: .decoding, message: "cannot read \(text) as an amount in pounds and pence")
        }
        self = pence
    }
}

extension ApprovalStatus: PostgresTextEnum {}
extension ChargeKind: PostgresTextEnum {}
extension CallStatus: PostgresTextEnum {}

extension Timestamp: PostgresDecodable {
    /// Reads `YYYY-MM-DDTHH:MM:SSZ`, as the stores select times (`to_char(… AT TIME ZONE 'UTC', …)`).
    public init(postgresText text: String) throws {
        guard let value = Timestamp(iso: text) else {
            throw PostgresError(kind: .decoding, message: "cannot read \(text) as a time (YYYY-MM-DDTHH:MM:SSZ)")
        }
        self = value
    }
}
