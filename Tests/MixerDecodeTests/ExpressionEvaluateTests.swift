import Testing
@testable import MixerDecode

/// Expressions evaluate as Mixer evaluates them. The cases are Mixer's own
/// (istio/istio `mixer/pkg/il/testing/tests.go`, `TestData`): the
/// expression, the attributes present, and the result or the error.
struct ExpressionEvaluateTests {
    struct Case: Sendable, CustomStringConvertible {
        var source: String
        var attributes: [String: ExpressionValue] = [:]
        var result: ExpressionValue?
        var error: String?
        var description: String { source }
    }

    static let cases: [Case] = [
        Case(source: "a == 2", attributes: ["a": .int64(2)], result: .bool(true)),
        Case(source: "a != 2", attributes: ["a": .int64(2)], result: .bool(false)),
        Case(source: "a != 2", attributes: ["d": .int64(2)], error: "lookup failed: 'a'"),
        Case(source: "2 != a", attributes: ["d": .int64(2)], error: "lookup failed: 'a'"),
        Case(source: "a ", attributes: ["a": .int64(2)], result: .int64(2)),
        Case(source: "2 ", attributes: ["a": .int64(2)], result: .int64(2)),
        Case(source: #"request.user == "user1""#, attributes: ["request.user": .string("user1")], result: .bool(true)),
        Case(source: #"request.user2| request.user | "user1""#, attributes: ["request.user": .string("user2")], result: .string("user2")),
        Case(source: #"request.user2| request.user3 | "user1""#, attributes: ["request.user": .string("user2")], result: .string("user1")),
        Case(source: "request.size| 200", attributes: ["request.size": .int64(120)], result: .int64(120)),
        Case(source: "request.size| 200", attributes: ["request.size": .int64(0)], result: .int64(0)),
        Case(source: "request.size| 200", attributes: ["request.size1": .int64(0)], result: .int64(200)),
        Case(source: "(x == 20 && y == 10) || x == 30", attributes: ["x": .int64(20), "y": .int64(10)], result: .bool(true)),
        Case(source: "x == 20 && y == 10", attributes: ["a": .int64(20), "b": .int64(10)], error: "lookup failed: 'x'"),
        Case(source: #"match(service.name, "*.ns1.cluster") && service.user == "admin""#,
             attributes: ["service.name": .string("svc1.ns1.cluster"), "service.user": .string("admin")], result: .bool(true)),
        Case(source: #"( origin.name | "unknown" ) == "users""#, result: .bool(false)),
        Case(source: #"( origin.name | "unknown" ) == "users""#, attributes: ["origin.name": .string("users")], result: .bool(true)),
        Case(source: #"request.header["user"] | "unknown""#, attributes: ["request.header": .stringMap(["myheader": "bbb"])],
             result: .string("unknown")),
        Case(source: #"origin.name | "users""#, result: .string("users")),
        Case(source: #"request.header["X-FORWARDED-HOST"] == "aaa""#,
             attributes: ["request.header": .stringMap(["X-FORWARDED-HOST": "bbb"])], result: .bool(false)),
        Case(source: #"request.header["X-FORWARDED-HOST"] == "aaa""#,
             attributes: ["request.header1": .stringMap(["X-FORWARDED-HOST": "bbb"])], error: "lookup failed: 'request.header'"),
        Case(source: #"request.header[headername] == "aaa""#,
             attributes: ["request.header": .stringMap(["X-FORWARDED-HOST": "bbb"])], error: "lookup failed: 'headername'"),
        Case(source: #"request.header[headername] == "aaa""#,
             attributes: ["request.header": .stringMap(["X-FORWARDED-HOST": "aaa"]), "headername": .string("X-FORWARDED-HOST")],
             result: .bool(true)),
        Case(source: #"match(service.name, "*.ns1.cluster")"#, attributes: ["service.name": .string("svc1.ns1.cluster")], result: .bool(true)),
        Case(source: #"match(service.name, "*.ns1.cluster")"#, attributes: ["service.name": .string("svc1.ns2.cluster")], result: .bool(false)),
        Case(source: "match(service.name, servicename)",
             attributes: ["service.name1": .string("svc1.ns2.cluster"), "servicename": .string("*.aaa")], error: "lookup failed: 'service.name'"),
        Case(source: "match(service.name, servicename)", attributes: ["service.name": .string("svc1.ns2.cluster")],
             error: "lookup failed: 'servicename'"),
        // net.ParseIP("10.1.12.3"): the 16-byte form.
        Case(source: #"target.ip| ip("10.1.12.3")"#, result: .ipAddress([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 10, 1, 12, 3])),
        Case(source: #"target.ip| ip("10.1.12")"#, error: "could not convert 10.1.12 to IP_ADDRESS"),
        // time.Parse(time.RFC3339, "2015-01-02T15:04:35Z"): day 16,437 of the epoch, 15:04:35.
        Case(source: #"request.time | timestamp("2015-01-02T15:04:35Z")"#,
             result: .timestamp(ProtoTimestamp(seconds: 16_437 * 86_400 + 15 * 3_600 + 4 * 60 + 35, nanos: 0))),
        Case(source: #"request.time | timestamp("242233")"#,
             error: "could not convert '242233' to TIMESTAMP. expected format: '2006-01-02T15:04:05Z07:00'"),
        Case(source: "a == 2", error: "lookup failed: 'a'"),
        Case(source: #"request.user | "user1""#, result: .string("user1")),
        Case(source: "true", result: .bool(true)),
        Case(source: #""ABC""#, result: .string("ABC")),
        Case(source: "456789", result: .int64(456_789)),
        Case(source: "456.789", result: .double(456.789)),
        Case(source: "false || true || false", result: .bool(true)),
        Case(source: "false || false || false", result: .bool(false)),
        Case(source: "b1 && b2", attributes: ["b1": .bool(false), "b2": .bool(true)], result: .bool(false)),
        Case(source: "3 != 2", result: .bool(true)),
        Case(source: #""ABC" != "ABC""#, result: .bool(false)),
        Case(source: "23.45 != 45.23", result: .bool(true)),
        Case(source: #"ar["b"]"#, attributes: ["ar": .stringMap(["b": "c"])], result: .string("c")),
        Case(source: #"ai == 20 || ar["b"] == "c""#, attributes: ["ai": .int64(19), "ar": .stringMap(["b": "c"])], result: .bool(true)),
        Case(source: #"as | """#, result: .string("")),
        Case(source: #"as | bs | "user1""#, attributes: ["bs": .string("b2")], result: .string("b2")),
        Case(source: "ab | true", attributes: ["ab": .bool(false)], result: .bool(false)),
        Case(source: "ab | bb | true", attributes: ["bb": .bool(false)], result: .bool(false)),
        Case(source: "ai | bi | 42", attributes: ["bi": .int64(20)], result: .int64(20)),
        Case(source: "ad | 42.1", attributes: ["ad": .double(10)], result: .double(10)),
    ]

    @Test(arguments: cases)
    func mixersEvaluationTable(_ testCase: Case) throws {
        let expression = try MixerExpression.parse(testCase.source).get()
        switch ExpressionEvaluator().evaluate(expression, attributes: testCase.attributes) {
        case .success(let value):
            #expect(testCase.error == nil, "gave \(value)")
            #expect(value == testCase.result)
        case .failure(let error):
            #expect(error.message == testCase.error)
            #expect(error.stage == .eval)
        }
    }

    // What the default configuration relies on (Mixer's compiler,
    // generateOr and conditional): presence, not emptiness, decides `|`; a
    // constant or a function on the left is always "present"; `conditional`
    // is lazy, externs are not.

    @Test func aPresentEmptyValueWinsOverTheFallback() throws {
        let expression = try MixerExpression.parse(#"source.principal | "unknown""#).get()
        #expect(ExpressionEvaluator().evaluate(expression, attributes: ["source.principal": .string("")]).successValue == .string(""))
    }

    @Test func aFunctionOnTheLeftOfPipeIsAlwaysPresent() throws {
        // conditional(...) | d never reaches d: its missing attribute is an error.
        let expression = try MixerExpression.parse(#"conditional(c, a, "x") | "d""#).get()
        #expect(ExpressionEvaluator().evaluate(expression, attributes: ["c": .bool(true)]).failureMessage == "lookup failed: 'a'")
        #expect(ExpressionEvaluator().evaluate(expression, attributes: ["c": .bool(false)]).successValue == .string("x"),
                "only the branch taken is evaluated")
    }

    @Test func externsEvaluateEveryArgument() throws {
        let expression = try MixerExpression.parse(#"conditionalString(c, a, "x")"#).get()
        #expect(ExpressionEvaluator().evaluate(expression, attributes: ["c": .bool(false)]).failureMessage == "lookup failed: 'a'")
    }

    @Test func matchLooksAtTheTrailingStarFirst() {
        #expect(ExpressionExterns.match("*abc", "*a*"), "prefix \"*a\"")
        #expect(!ExpressionExterns.match("xabc", "*a*"))
        #expect(ExpressionExterns.match("anything", "*"))
        #expect(ExpressionExterns.match("kube-probe/1.15", "kube-probe*"))
    }
}
