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
        "min": "min(a, b, ...) or min(${repeat}, row value)",
        "max": "max(a, b, ...) or max(${repeat}, row value)",
        "round": "round(x, digits)",
        "abs": "abs(x)",
        "today": "today()",
        "date": "date('YYYY-MM-DD')",
        "days_between": "days_between(date1, date2)",
        "add_days": "add_days(date, n)",
        "add_months": "add_months(date, n)",
        "year": "year(date)",
        "month": "month(date)",
        "pow": "pow(x, y)",
        "nationality": "nationality()",
        "contains": "contains(text, 'part')",
        "age": "age()",
        "age_at": "age_at(date)",
        "age_months": "age_months() or age_months(date)",
        "dob": "dob()",
        "sex": "sex()",
        "has_result": "has_result('module', 'CODE')",
        "param": "param('name', default)",
        "regex": "regex(text, 'pattern')",
        "length": "length(text)",
        "number": "number(text)",
        "substring_before": "substring_before(text, 'separator')",
        "substring_after": "substring_after(text, 'separator')",
        "any": "any(${repeat}, row condition)",
        "all": "all(${repeat}, row condition)",
        "count_where": "count_where(${repeat}, row condition)",
        "sum": "sum(${repeat}, row value)",
        "prev": "prev(${field})",
        "choice": "choice('attribute')",
    ]

    /// Functions whose second argument is evaluated once per row of the repeat group named by
    /// the first (`min` and `max` only when their first argument is a repeat group).
    static let rowFunctions: Set<String> = ["any", "all", "count_where", "sum"]

    /// Allowed argument counts.
    static func arity(_ name: String) -> ClosedRange<Int>? {
        switch name {
        case "today", "age", "sex", "dob", "nationality": return 0...0
        case "age_months": return 0...1
        case "count_selected", "count", "answered", "abs", "date", "length", "age_at", "number", "prev", "choice", "year", "month": return 1...1
        case "selected", "days_between", "add_days", "add_months", "has_result", "param", "regex",
             "substring_before", "substring_after", "pow", "contains", "any", "all", "count_where", "sum": return 2...2
        case "round": return 1...2
        case "if": return 3...3
        case "coalesce": return 2...32
        case "min", "max": return 1...32
        default: return nil
        }
    }
}
