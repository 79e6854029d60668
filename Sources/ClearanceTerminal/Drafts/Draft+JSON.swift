import ClearanceCore
import Foundation

extension Draft {
    /// The draft as JSON: values are tagged with their type so they read back exactly.
    public func jsonData() throws -> Data {
        let object: [String: Any] = [
            "format": 1, "id": id, "form": formID, "form_version": formVersion, "form_hash": formHash,
            "saved_at": savedAt.timeIntervalSince1970, "context": context,
            "answers": Draft.encode(answers), "image_files": imageFiles,
        ]
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    /// Reads a draft written by ``jsonData()``.
    /// - Throws: ``DraftStoreError`` naming `file` when the JSON is not a draft.
    public init(jsonData data: Data, file: String) throws {
        guard let o = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw DraftStoreError.unreadable(file, "not JSON")
        }
        guard let id = o["id"] as? String, let form = o["form"] as? String,
              let version = o["form_version"] as? String, let hash = o["form_hash"] as? String,
              let at = o["saved_at"] as? Double, let answers = o["answers"] as? [String: Any] else {
            throw DraftStoreError.unreadable(file, "missing id, form, form_version, form_hash, saved_at or answers")
        }
        self.init(id: id, formID: form, formVersion: version, formHash: hash,
                  savedAt: Date(timeIntervalSince1970: at),
                  context: o["context"] as? [String: String] ?? [:],
                  answers: try Draft.decode(answers, file: file),
                  imageFiles: o["image_files"] as? [String: String] ?? [:])
    }

    static func encode(_ answers: Answers) -> [String: Any] { answers.values.mapValues(encode) }

    static func encode(_ v: Value) -> [String: Any] {
        switch v {
        case .text(let s): return ["text": s]
        case .integer(let i): return ["integer": i]
        case .decimal(let d): return ["decimal": d]
        case .date(let d): return ["date": d.description]
        case .bool(let b): return ["bool": b]
        case .choice(let c): return ["choice": c]
        case .choices(let c): return ["choices": c]
        case .image(let id): return ["image": id]
        case .group(let g): return ["group": g.map(encode)]
        }
    }

    static func decode(_ object: [String: Any], file: String) throws -> Answers {
        var out = Answers()
        for (name, raw) in object {
            guard let tagged = raw as? [String: Any], tagged.count == 1, let (tag, v) = tagged.first else {
                throw DraftStoreError.unreadable(file, "answer '\(name)' is not a tagged value")
            }
            out[name] = try decodeValue(tag, v, name: name, file: file)
        }
        return out
    }

    private static func decodeValue(_ tag: String, _ v: Any, name: String, file: String) throws -> Value {
        let bad = DraftStoreError.unreadable(file, "answer '\(name)' has a bad \(tag) value")
        switch tag {
        case "text": guard let s = v as? String else { throw bad }; return .text(s)
        case "integer": guard let n = v as? NSNumber, let i = Int(exactly: n.doubleValue) else { throw bad }; return .integer(i)
        case "decimal": guard let n = v as? NSNumber else { throw bad }; return .decimal(n.doubleValue)
        case "date": guard let s = v as? String, let d = LocalDate(s) else { throw bad }; return .date(d)
        case "bool": guard let b = v as? Bool else { throw bad }; return .bool(b)
        case "choice": guard let s = v as? String else { throw bad }; return .choice(s)
        case "choices": guard let s = v as? [String] else { throw bad }; return .choices(s)
        case "image": guard let n = v as? NSNumber else { throw bad }; return .image(n.int64Value)
        case "group":
            guard let g = v as? [[String: Any]] else { throw bad }
            return .group(try g.map { try decode($0, file: file) })
        default: throw DraftStoreError.unreadable(file, "answer '\(name)' has unknown type '\(tag)'")
        }
    }
}
