import CFriBidi
import Foundation

/// Turns logical-order text into the visual order a PDF needs, shaping Arabic.
///
/// PDF text is drawn left to right glyph by glyph, with no shaping. For right-to-left scripts the
/// text goes through fribidi's `fribidi_log2vis` (Unicode bidi algorithm, Arabic joining, shaping
/// into presentation forms with ligatures, mirroring) so that "محمد" prints as joined letters in
/// the right order. Text with no right-to-left character is returned unchanged.
///
/// ```swift
/// BidiText.visual("محمد")   // "\u{FEAA}\u{FEE4}\u{FEA4}\u{FEE3}"
/// ```
enum BidiText {
    /// Longest line shaped (longer text is returned unchanged rather than allocating without bound).
    static let maximumLength = 4096

    static func visual(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        guard scalars.contains(where: isRightToLeft), scalars.count <= maximumLength else { return text }
        let input = scalars.map { FriBidiChar($0.value) }
        var output = [FriBidiChar](repeating: 0, count: input.count)
        var baseDirection = clr_fribidi_par_on()
        let level = input.withUnsafeBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                fribidi_log2vis(inBuffer.baseAddress, FriBidiStrIndex(input.count), &baseDirection,
                                outBuffer.baseAddress, nil, nil, nil)
            }
        }
        guard level != 0 else { return text }
        var result = String.UnicodeScalarView()
        for value in output {
            // Shaping into ligatures leaves zero-width joiners or 0xFEFF fillers; drop them.
            guard let scalar = Unicode.Scalar(value), value != 0xFEFF, value != 0x200D else { continue }
            result.append(scalar)
        }
        return String(result)
    }

    /// Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, Arabic extended and presentation forms.
    static func isRightToLeft(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFE: return true
        default: return false
        }
    }
}
