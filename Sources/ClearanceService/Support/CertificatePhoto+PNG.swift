import ClearanceCertificate
import ClearanceImaging
import Foundation

extension ClinicService {
    /// Decodes a stored PNG photo for a certificate: through libpng's simplified API with the
    /// default limits, scaled down to at most 600 px on the longest side, alpha composited over
    /// white, as 8-bit RGB. Never handed to libharu as a PNG file.
    public static let pngPhotoDecoder: CertificatePhotoDecoder = { data in
        let decoded = try PNGDecoder.decode([UInt8](data))
        let image = decoded.image.downscaled(maxSide: 600)
        let n = image.width * image.height
        var rgb = [UInt8](repeating: 255, count: n * 3)
        let c = image.layout.channels
        image.pixels.withUnsafeBufferPointer { px in
            for i in 0..<n {
                let p = i * c
                let (r, g, b): (Int, Int, Int) = image.layout.isColor ? (Int(px[p]), Int(px[p + 1]), Int(px[p + 2]))
                                                                      : (Int(px[p]), Int(px[p]), Int(px[p]))
                let a = image.layout.hasAlpha ? Int(px[p + c - 1]) : 255
                rgb[i * 3] = UInt8((r * a + 255 * (255 - a)) / 255)
                rgb[i * 3 + 1] = UInt8((g * a + 255 * (255 - a)) / 255)
                rgb[i * 3 + 2] = UInt8((b * a + 255 * (255 - a)) / 255)
            }
        }
        return try CertificatePhoto(width: image.width, height: image.height, rgb: rgb)
    }
}
