import CapitalCore
import Foundation
import Funding
import Postgres

// The core value types travel to and from PostgreSQL in its text formats:
// `date` as YYYY-MM-DD, money as `numeric` pounds with two decimals.

extension CalendarDate: PostgresEncodable, PostgresDecodable {
    public var postgresText: String { iso }
    public static var postgresType: UInt32 { 1082 }
    public init(postgresText text: String) throws {
        guard let date = CalendarDate(iso: text) else {
            throw PostgresError(kind: .decoding, message: "cannot read \(text) as a date (YYYY-MM-DD)")
        }
        self = date
    }
}

extension Pence: PostgresEncodable, PostgresDecodable {
    public var postgresText: String { plain }
    public static var postgresType: UInt32 { 1700 }
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
