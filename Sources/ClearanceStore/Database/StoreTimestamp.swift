import ClearanceCore
import Foundation

/// Timestamps as the store writes them: ISO 8601, UTC, milliseconds (`2026-03-01T09:30:00.125Z`).
///
/// Text sorts in time order and reads the same in every time zone. The time always comes from
/// the caller (an injected clock), never from the store itself.
public enum StoreTimestamp {
    /// Formats `date` as `YYYY-MM-DDTHH:MM:SS.mmmZ` in UTC.
    ///
    /// - Parameter date: The instant, usually the injected clock's `now`.
    /// - Returns: The text stored in `*_at` columns.
    public static func string(from date: Date) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let days = Int(millis >= 0 ? millis / 86_400_000 : (millis - 86_399_999) / 86_400_000)
        let inDay = Int(millis - Int64(days) * 86_400_000)
        let day = LocalDate(dayNumber: days)
        let h = inDay / 3_600_000, m = inDay / 60_000 % 60, s = inDay / 1000 % 60, ms = inDay % 1000
        var out = Array(day.description.utf8)
        out.append(UInt8(ascii: "T"))
        LocalDate.appendDigits(h, width: 2, to: &out); out.append(UInt8(ascii: ":"))
        LocalDate.appendDigits(m, width: 2, to: &out); out.append(UInt8(ascii: ":"))
        LocalDate.appendDigits(s, width: 2, to: &out); out.append(UInt8(ascii: "."))
        LocalDate.appendDigits(ms, width: 3, to: &out); out.append(UInt8(ascii: "Z"))
        return String(decoding: out, as: UTF8.self)
    }
}
