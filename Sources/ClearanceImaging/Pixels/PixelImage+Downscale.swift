extension PixelImage {
    /// The size a downscale to `maxSide` gives: aspect ratio kept, longest side `maxSide`
    /// (never upscaled, never below 1 pixel).
    ///
    /// - Parameter maxSide: Longest side of the result.
    /// - Returns: The target width and height.
    public func downscaledSize(maxSide: Int) -> (width: Int, height: Int) {
        let longest = max(width, height)
        guard maxSide > 0, longest > maxSide else { return (width, height) }
        let outWidth = max(1, min(maxSide, (width * maxSide + longest / 2) / longest))
        let outHeight = max(1, min(maxSide, (height * maxSide + longest / 2) / longest))
        return (outWidth, outHeight)
    }

    /// An area-averaged reduction whose longest side is at most `maxSide`.
    ///
    /// Every source pixel contributes to the output pixels it overlaps in proportion to the
    /// overlapped area (exact integer weights, so a flat image stays exactly flat). Colour is
    /// averaged weighted by alpha, so transparent pixels do not darken edges. An image already
    /// small enough, or an inconsistent one, is returned unchanged.
    ///
    /// - Parameter maxSide: Longest side of the result, e.g. 256 for a thumbnail.
    /// - Returns: The reduced image, same ``PixelLayout``.
    public func downscaled(maxSide: Int) -> PixelImage {
        let (outWidth, outHeight) = downscaledSize(maxSide: maxSide)
        guard isConsistent, outWidth < width || outHeight < height else { return self }
        let channels = layout.channels
        let alphaIndex = layout.hasAlpha ? channels - 1 : -1
        // Horizontal split: source column x covers [x*outWidth, (x+1)*outWidth) in units where the
        // output column o covers [o*width, (o+1)*width).
        var firstColumn = [Int](repeating: 0, count: width)
        var firstWeight = [Int](repeating: 0, count: width)
        for x in 0..<width {
            let start = x * outWidth
            let column = start / width
            firstColumn[x] = column
            firstWeight[x] = min(outWidth, (column + 1) * width - start)
        }
        let spans = HorizontalSpan.spans(columns: firstColumn, weights: firstWeight, outWidth: outWidth)
        let rowLength = outWidth * channels
        var rowSums = [Int](repeating: 0, count: rowLength + channels)
        var sums = [Int](repeating: 0, count: rowLength * (outHeight + 1))
        pixels.withUnsafeBufferPointer { source in
            rowSums.withUnsafeMutableBufferPointer { row in
                sums.withUnsafeMutableBufferPointer { total in
                    firstColumn.withUnsafeBufferPointer { columns in
                        firstWeight.withUnsafeBufferPointer { weights in
                            for y in 0..<height {
                                row.update(repeating: 0)
                                let rowStart = y * width * channels
                                if alphaIndex < 0 {
                                    Self.accumulateOpaqueRow(source, from: rowStart, spans: spans, channels: channels,
                                                             outWidth: outWidth, into: row)
                                } else {
                                    Self.accumulateAlphaRow(source, from: rowStart, width: width, channels: channels,
                                                            columns: columns, weights: weights, outWidth: outWidth, into: row)
                                }
                                let start = y * outHeight
                                let outRow = start / height
                                let weight1 = min(outHeight, (outRow + 1) * height - start)
                                let weight2 = outHeight - weight1
                                let base1 = outRow * rowLength
                                for index in 0..<rowLength { total[base1 + index] += row[index] * weight1 }
                                if weight2 > 0 {
                                    let base2 = base1 + rowLength
                                    for index in 0..<rowLength { total[base2 + index] += row[index] * weight2 }
                                }
                            }
                        }
                    }
                }
            }
        }
        let area = width * height
        var output = [UInt8](repeating: 0, count: outWidth * outHeight * channels)
        for pixel in 0..<(outWidth * outHeight) {
            let base = pixel * channels
            let alphaSum = alphaIndex >= 0 ? sums[base + alphaIndex] : area
            for channel in 0..<channels {
                let sum = sums[base + channel]
                let divisor = channel == alphaIndex || alphaIndex < 0 ? area : alphaSum
                output[base + channel] = divisor > 0 ? UInt8(clamping: (sum + divisor / 2) / divisor) : 0
            }
        }
        return PixelImage(width: outWidth, height: outHeight, layout: layout, pixels: output)
    }

    /// Adds one source row without alpha into the horizontal sums (weights in output-width units):
    /// the source pixels wholly inside one output column are summed first and weighted once.
    @inline(__always)
    private static func accumulateOpaqueRow(_ source: UnsafeBufferPointer<UInt8>, from start: Int,
                                            spans: [HorizontalSpan], channels: Int, outWidth: Int,
                                            into row: UnsafeMutableBufferPointer<Int>) {
        if channels == 1 {
            // Grey (X-rays): the whole-pixel run is contiguous, so its sum vectorises.
            for span in spans {
                var whole = 0
                for index in (start + span.first)..<(start + span.end) { whole &+= Int(source[index]) }
                var sum = whole * outWidth
                if span.splitWeight > 0 {
                    let value = Int(source[start + span.end])
                    sum += value * span.splitWeight
                    row[span.column + 1] += value * (outWidth - span.splitWeight)
                }
                row[span.column] += sum
            }
            return
        }
        for span in spans {
            let target = span.column * channels
            for channel in 0..<channels {
                var whole = 0
                var index = start + span.first * channels + channel
                for _ in span.first..<span.end {
                    whole += Int(source[index])
                    index += channels
                }
                var sum = whole * outWidth
                if span.splitWeight > 0 {
                    let value = Int(source[start + span.end * channels + channel])
                    sum += value * span.splitWeight
                    row[target + channels + channel] += value * (outWidth - span.splitWeight)
                }
                row[target + channel] += sum
            }
        }
    }

    /// Adds one source row with alpha (last channel) into the sums, colour weighted by alpha.
    @inline(__always)
    private static func accumulateAlphaRow(_ source: UnsafeBufferPointer<UInt8>, from start: Int, width: Int,
                                           channels: Int, columns: UnsafeBufferPointer<Int>,
                                           weights: UnsafeBufferPointer<Int>, outWidth: Int,
                                           into row: UnsafeMutableBufferPointer<Int>) {
        var sourceIndex = start
        let alphaIndex = channels - 1
        for x in 0..<width {
            let target = columns[x] * channels
            let weight1 = weights[x], weight2 = outWidth - weight1
            let alpha = Int(source[sourceIndex + alphaIndex])
            for channel in 0..<channels {
                var value = Int(source[sourceIndex + channel])
                if channel != alphaIndex { value *= alpha }
                row[target + channel] += value * weight1
                row[target + channels + channel] += value * weight2
            }
            sourceIndex += channels
        }
    }
}

/// Source pixels `first..<end` of a row lie wholly inside output column `column`; when
/// `splitWeight` is above 0, pixel `end` is split between `column` (that weight, in output-width
/// units) and the next column (the rest).
struct HorizontalSpan {
    var column: Int
    var first: Int
    var end: Int
    var splitWeight: Int

    /// The spans of a row from each source pixel's first column and weight there.
    static func spans(columns: [Int], weights: [Int], outWidth: Int) -> [HorizontalSpan] {
        var spans = [HorizontalSpan]()
        var x = 0
        while x < columns.count {
            let column = columns[x]
            var end = x
            while end < columns.count, columns[end] == column, weights[end] == outWidth { end += 1 }
            var split = 0
            if end < columns.count, columns[end] == column {
                split = weights[end]  // below outWidth: pixel `end` continues into the next column
            }
            spans.append(HorizontalSpan(column: column, first: x, end: end, splitWeight: split))
            x = split > 0 ? end + 1 : end
        }
        return spans
    }
}
