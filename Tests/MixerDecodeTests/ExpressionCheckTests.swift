import Testing
@testable import MixerDecode

/// Expressions are type-checked as Mixer checks them. The table is Mixer's
/// own (istio/istio `mixer/pkg/lang/ast/expr_test.go`,
/// `TestInternalTypeCheck`): the expression, the attributes it may use,
/// the functions beyond the intrinsics, and the type or the error text.
struct ExpressionCheckTests {
    struct Case: Sendable, CustomStringConvertible {
        var source: String
        var attributes: [String: AttributeType]
        var functions: [FunctionSignature] = []
        /// The type, or nil with `error` set.
        var type: AttributeType?
        var error: String?
        var description: String { source }
    }

    static let cases: [Case] = [
        Case(source: "a == 2", attributes: ["a": .int64], type: .bool),
        Case(source: "a == 2", attributes: ["a": .bool], error: "typeError"),
        Case(source: "a == 2 || a == 5", attributes: ["a": .int64], type: .bool),
        Case(source: "a | b | 5", attributes: ["a": .int64, "b": .int64], type: .int64),
        Case(source: #"a | b | "5""#, attributes: ["a": .int64, "b": .int64], error: "typeError"),
        Case(source: #"a["5"] == "abc""#, attributes: ["a": .stringMap, "b": .int64], type: .bool),
        Case(source: #"a["5"] == "abc""#, attributes: ["a": .string, "b": .int64], error: "typeError"),
        Case(source: #"a | b | "abc""#, attributes: ["a": .string, "b": .string], type: .string),
        Case(source: #"x | y | "abc""#, attributes: ["a": .string, "b": .string], error: "unknown attribute"),
        Case(source: #"EQ("abc")"#, attributes: ["a": .string, "b": .string], error: "arity mismatch"),
        Case(source: "a % 5", attributes: ["a": .int64], error: "unknown function"),
        Case(source: "fn1()", attributes: [:], functions: [FunctionSignature(name: "fn1", result: .bool, arguments: [])], type: .bool),
        Case(source: "fn2(true)", attributes: [:],
             functions: [FunctionSignature(name: "fn2", target: .string, result: .bool, arguments: [.bool])], type: .bool),
        Case(source: "fn3(true)", attributes: [:],
             functions: [FunctionSignature(name: "fn3", instance: true, target: .string, result: .bool, arguments: [.bool])],
             error: "invoking instance method without an instance"),
        Case(source: "a.fn4(true)", attributes: [:],
             functions: [FunctionSignature(name: "fn4", result: .bool, arguments: [.bool])],
             error: "invoking regular function on instance method"),
        Case(source: "a.fn5()", attributes: [:],
             functions: [FunctionSignature(name: "fn5", instance: true, result: .bool, arguments: [])], error: "unknown attribute"),
        Case(source: "pattern.matches(str)", attributes: ["pattern": .string, "str": .string],
             functions: [FunctionSignature(name: "matches", instance: true, target: .string, result: .bool, arguments: [.string])],
             type: .bool),
        Case(source: "text.prefix(3).startswith(str)", attributes: ["text": .string, "str": .string],
             functions: [
                FunctionSignature(name: "prefix", instance: true, target: .string, result: .string, arguments: [.int64]),
                FunctionSignature(name: "startswith", instance: true, target: .string, result: .bool, arguments: [.string]),
             ], type: .bool),
        Case(source: #"no.matches("a")"#, attributes: ["no": .int64],
             functions: [FunctionSignature(name: "matches", instance: true, target: .string, result: .bool, arguments: [.string])],
             error: #"$no:matches("a") target typeError got INT64"#),
        Case(source: #""abc".genericEquals("cba")"#, attributes: [:],
             functions: [FunctionSignature(name: "genericEquals", instance: true, target: nil, result: .bool, arguments: [nil])],
             type: .bool),
        Case(source: #"conditional(true, "abc", "cba")"#, attributes: [:],
             functions: [FunctionSignature(name: "conditional", result: nil, arguments: [.bool, nil, nil])], type: .string),
        Case(source: "conditional(false, 23, 42)", attributes: [:],
             functions: [FunctionSignature(name: "conditional", target: .int64, result: nil, arguments: [.bool, nil, nil])],
             type: .int64),
    ]

    @Test(arguments: cases)
    func mixersTypeCheckTable(_ testCase: Case) throws {
        let functions = ExpressionFunctions.map(ExpressionFunctions.intrinsics + testCase.functions)
        let checker = ExpressionChecker(manifest: AttributeManifest(types: testCase.attributes), functions: functions)
        let expression = try MixerExpression.parse(testCase.source).get()
        switch checker.type(of: expression) {
        case .success(let type):
            #expect(testCase.error == nil, "checked as \(ExpressionChecker.name(type))")
            #expect(type == testCase.type)
        case .failure(let error):
            let expected = try #require(testCase.error, "\(error.message)")
            #expect(error.message.contains(expected), "\(error.message)")
            #expect(error.stage == .check)
        }
    }

    @Test func mixersMessagesWordForWord() throws {
        let checker = ExpressionChecker(manifest: AttributeManifest(types: ["a": .int64, "b": .int64]))
        let typed = checker.type(of: try MixerExpression.parse(#"a | b | "5""#).get())
        #expect(typed.failureMessage == #"OR(OR($a, $b), "5") arg 2 ("5") typeError got STRING, expected INT64"#)
        #expect(checker.type(of: try MixerExpression.parse("x").get()).failureMessage == "unknown attribute x")
        #expect(checker.type(of: try MixerExpression.parse("a % 5").get()).failureMessage == "unknown function: REM")
        #expect(checker.type(of: try MixerExpression.parse("!(a == 1)").get()).failureMessage == "unknown function: NOT",
                "`!` has never compiled in CEXL")
    }

    @Test func aDurationLookingStringIsADuration() throws {
        // Mixer's newConstant: `"0"` is a DURATION, so a STRING fallback to it does not check.
        let checker = ExpressionChecker(manifest: AttributeManifest(types: ["s": .string, "d": .duration]))
        #expect(checker.type(of: try MixerExpression.parse(#"d | "0""#).get()).successValue == .duration)
        #expect(checker.type(of: try MixerExpression.parse(#"s | "0""#).get()).failureMessage?.contains("typeError got DURATION, expected STRING") == true)
    }

    @Test func theDefaultHTTPMatchChecksAgainstIstiosManifest() throws {
        let promhttp = #"(context.protocol == "http" || context.protocol == "grpc") && (match((request.useragent | "-"), "kube-probe*") == false) && (match((request.useragent | "-"), "Prometheus*") == false)"#
        let checker = ExpressionChecker(manifest: .istio116)
        #expect(checker.type(of: try MixerExpression.parse(promhttp).get()).successValue == .bool)
    }
}

extension Result where Failure == ExpressionError {
    var failureMessage: String? { if case .failure(let error) = self { error.message } else { nil } }
    var successValue: Success? { if case .success(let value) = self { value } else { nil } }
}
