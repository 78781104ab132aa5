/// The type metadata of a function Mixer's checker knows
/// (`ast.FunctionMetadata`): a nil type is `VALUE_TYPE_UNSPECIFIED`, a
/// template type bound by the first argument (or target) that has one.
struct FunctionSignature: Sendable {
    var name: String
    /// An instance method, called as `target.name(arguments)`.
    var instance = false
    var target: AttributeType? = nil
    var result: AttributeType?
    var arguments: [AttributeType?]
}

/// The functions Mixer's checker knows: the intrinsics operators map to
/// (istio/istio `mixer/pkg/lang/ast/func.go`, `intrinsics()`) and the
/// externs (`mixer/pkg/lang/externs.go`, `ExternFunctionMetadata`), as of
/// Istio 1.1 to 1.7. `toLower` and `size` came in 1.1, `+` (ADD) and
/// `conditional` in 1.0, the ordering operators in 1.1.
enum ExpressionFunctions {
    static let intrinsics: [FunctionSignature] = [
        FunctionSignature(name: "EQ", result: .bool, arguments: [nil, nil]),
        FunctionSignature(name: "NEQ", result: .bool, arguments: [nil, nil]),
        FunctionSignature(name: "LT", result: .bool, arguments: [nil, nil]),
        FunctionSignature(name: "LEQ", result: .bool, arguments: [nil, nil]),
        FunctionSignature(name: "GT", result: .bool, arguments: [nil, nil]),
        FunctionSignature(name: "GEQ", result: .bool, arguments: [nil, nil]),
        FunctionSignature(name: "OR", result: nil, arguments: [nil, nil]),
        FunctionSignature(name: "LOR", result: .bool, arguments: [.bool, .bool]),
        FunctionSignature(name: "LAND", result: .bool, arguments: [.bool, .bool]),
        FunctionSignature(name: "INDEX", result: .string, arguments: [.stringMap, .string]),
        FunctionSignature(name: "conditional", result: nil, arguments: [.bool, nil, nil]),
        FunctionSignature(name: "ADD", result: nil, arguments: [nil, nil]),
    ]

    static let externs: [FunctionSignature] = [
        FunctionSignature(name: "ip", result: .ipAddress, arguments: [.string]),
        FunctionSignature(name: "timestamp", result: .timestamp, arguments: [.string]),
        FunctionSignature(name: "dnsName", result: .dnsName, arguments: [.string]),
        FunctionSignature(name: "email", result: .emailAddress, arguments: [.string]),
        FunctionSignature(name: "uri", result: .uri, arguments: [.string]),
        FunctionSignature(name: "match", result: .bool, arguments: [.string, .string]),
        FunctionSignature(name: "matches", instance: true, target: .string, result: .bool, arguments: [.string]),
        FunctionSignature(name: "startsWith", instance: true, target: .string, result: .bool, arguments: [.string]),
        FunctionSignature(name: "endsWith", instance: true, target: .string, result: .bool, arguments: [.string]),
        FunctionSignature(name: "emptyStringMap", result: .stringMap, arguments: []),
        FunctionSignature(name: "conditionalString", result: .string, arguments: [.bool, .string, .string]),
        FunctionSignature(name: "toLower", result: .string, arguments: [.string]),
        FunctionSignature(name: "size", result: .int64, arguments: [.string]),
    ]

    /// By name, intrinsics first and externs over them (`ast.FuncMap`).
    static func map(_ functions: [FunctionSignature]) -> [String: FunctionSignature] {
        var map: [String: FunctionSignature] = [:]
        for function in functions { map[function.name] = function }
        return map
    }

    static let standard = map(intrinsics + externs)

    /// The functions of one Mixer release, as minor numbers count (0.8 is 8,
    /// 1.0 is 10, 1.1 is 11): 0.8's `ast/func.go` and `lang/externs.go` have
    /// no `conditional`, `ADD` or `conditionalString` (1.0.0 added them), and
    /// 1.0's none of `LT`, `LEQ`, `GT`, `GEQ`, `size` and `toLower` (1.1.0).
    static func of(mixerMinor minor: Int) -> [String: FunctionSignature] {
        let since1_0: Set = ["conditional", "ADD", "conditionalString"]
        let since1_1: Set = ["LT", "LEQ", "GT", "GEQ", "size", "toLower"]
        return standard.filter { name, _ in
            (minor >= 10 || !since1_0.contains(name)) && (minor >= 11 || !since1_1.contains(name))
        }
    }
}
