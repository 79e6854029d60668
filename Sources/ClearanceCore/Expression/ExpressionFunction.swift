/// The functions of the expression language, with how they are called (for messages).
enum ExpressionFunction {
    /// Name to usage, as shown when a call is wrong.
    static let usage: [String: String] = [
        "selected": "selected(${multi}, 'value')",
        "count_selected": "count_selected(${multi})",
        "count": "count(${repeat})",
        "answered": "answered(${field})",
        "if": "if(condition, then, else)",
        "coalesce": "coalesce(a, b, ...)",
        "min": "min(a, b, ...)",
        "max": "max(a, b, ...)",
        "round": "round(x, digits)",
        "abs": "abs(x)",
        "today": "today()",
        "date": "date('YYYY-MM-DD')",
        "days_between": "days_between(date1, date2)",
        "add_days": "add_days(date, n)",
        "add_months": "add_months(date, n)",
        "age": "age()",
        "sex": "sex()",
        "has_result": "has_result('module', 'CODE')",
        "param": "param('name', default)",
        "regex": "regex(text, 'pattern')",
        "length": "length(text)",
    ]

    /// Allowed argument counts.
    static func arity(_ name: String) -> ClosedRange<Int>? {
        switch name {
        case "today", "age", "sex": return 0...0
        case "count_selected", "count", "answered", "abs", "date", "length": return 1...1
        case "selected", "days_between", "add_days", "add_months", "has_result", "param", "regex": return 2...2
        case "round": return 1...2
        case "if": return 3...3
        case "coalesce": return 2...32
        case "min", "max": return 1...32
        default: return nil
        }
    }
}
