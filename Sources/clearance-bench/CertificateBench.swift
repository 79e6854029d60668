import Foundation

/// Stand-in until the certificate benchmark lands.
func runCertificateBenchmark(workDir: URL) throws -> [(name: String, value: Double, unit: String)] { [] }
