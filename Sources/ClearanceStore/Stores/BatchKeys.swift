/// Ids passed to one query as a JSON array, read back with `json_each(?)`: one cached
/// statement serves batches of any size.
enum BatchKeys {
    /// `[1,2,3]`.
    static func json(_ ids: some Collection<Int64>) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }
}
