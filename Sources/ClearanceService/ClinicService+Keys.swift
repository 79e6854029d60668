import ClearanceCertificate
import ClearanceStore
import Foundation
import GRDB

extension ClinicService {
    /// File name of the clinic's private signing key inside its key directory (mode 0600).
    public static let privateKeyFileName = "clinic.key"
    /// File name of the exported public key beside it.
    public static let publicKeyFileName = "clinic.pub"

    /// Creates the clinic's Ed25519 signing key in `directory` and registers its public half.
    ///
    /// The private key goes to `directory/clinic.key`, created with mode 0600 and never
    /// overwritten; the public key to `directory/clinic.pub`. The directory is created with mode
    /// 0700 when missing. When a key file already exists it is loaded and registered instead
    /// (`created` is then false), so a second database can share a clinic key. A key row that
    /// has no audit entry (written with SQL) is trusted only once this command, run with the
    /// matching private key, records one.
    ///
    /// ```swift
    /// let key = try service.initSigningKey(directory: URL(fileURLWithPath: "/srv/clearance/keys"), by: admin)
    /// print(key.keyID)
    /// ```
    /// - Throws: ``ServiceError``: forbidden (administrators only), configuration (unwritable
    ///   directory, a key file with loose permissions or unreadable).
    public func initSigningKey(directory: URL, by session: Session) throws -> SigningKeyView {
        try session.require(.manageKeys)
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw ServiceError.configuration("cannot create key directory \(directory.path): \(error.localizedDescription); choose another with --dir or CLEARANCE_KEY_DIR")
        }
        let privateURL = directory.appendingPathComponent(Self.privateKeyFileName)
        let publicURL = directory.appendingPathComponent(Self.publicKeyFileName)
        let key: SigningKey
        let created: Bool
        do {
            if fm.fileExists(atPath: privateURL.path) {
                key = try SigningKey.load(from: privateURL); created = false
            } else {
                key = SigningKey.generate()
                try key.write(to: privateURL); created = true
            }
        } catch let e as CertificateError {
            throw ServiceError.configuration(e.description)
        }
        let text = key.publicKey.exportText()
        do { try Data(text.utf8).write(to: publicURL, options: .atomic) } catch {
            throw ServiceError.configuration("cannot write public key \(publicURL.path): \(error.localizedDescription)")
        }
        let record = SigningKeyRecord(keyId: key.keyID.hex, publicKey: text, createdAt: timestamp, createdBy: session.username)
        let stored = try write { db -> SigningKeyRecord in
            if let known = try SigningKeyStore.fetch(db, keyID: record.keyId) {
                guard try !isAudited(db, keyID: known.keyId) else { return known }
                // A row that entered behind the application's back: the administrator holding the
                // private key vouches for it now, if it is that key's public half.
                guard known.publicKey == text else {
                    throw ServiceError.configuration("signing key \(known.keyId) is registered without an audit entry and with another public key than \(privateURL.path); the row was not written by `clearance keys init`: check the database with `clearance audit verify`")
                }
                try audit(db, session, "create", "signing-key", known.keyId,
                          ["private_key_file": privateURL.path, "generated": false, "registered_unaudited_row": true])
                return known
            }
            try SigningKeyStore.insert(db, record)
            try audit(db, session, "create", "signing-key", record.keyId,
                      ["private_key_file": privateURL.path, "generated": created])
            return record
        }
        var view = view(stored)
        view.privateKeyPath = privateURL.path; view.publicKeyPath = publicURL.path; view.created = created
        return view
    }

    /// The clinic's registered public keys, newest first (any signed-in user: they are public).
    public func signingKeys(by session: Session) throws -> [SigningKeyView] {
        try session.require(.findPersons)
        return try read { db in try SigningKeyStore.all(db).map(view) }
    }

    /// Loads the private key from `directory/clinic.key` and checks this database knows it.
    /// - Throws: ``ServiceError/configuration(_:)`` naming the file and what to run.
    func loadSigningKey(directory: URL) throws -> SigningKey {
        let url = directory.appendingPathComponent(Self.privateKeyFileName)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw ServiceError.configuration("no signing key at \(url.path); an administrator runs `clearance keys init` (or set CLEARANCE_KEY_DIR to the clinic's key directory)")
        }
        do { return try SigningKey.load(from: url) } catch let e as CertificateError {
            throw ServiceError.configuration(e.description)
        }
    }

    func view(_ r: SigningKeyRecord) -> SigningKeyView {
        SigningKeyView(keyID: r.keyId, publicKeyText: r.publicKey, createdAt: r.createdAt, createdBy: r.createdBy)
    }
}
