import Testing
@testable import MixerDecode

/// Mixer's expression language is parsed as Mixer parses it. The tables are
/// Mixer's own (istio/istio `mixer/pkg/lang/ast/expr_test.go`,
/// `TestGoodParse` and `TestBadParse`): the source, and the postfix form
/// Mixer's `Expression.String()` prints, or the text its error contains.
struct ExpressionParseTests {
    static let goodParses: [(String, String)] = [
        ("a.b.c == 2", "EQ($a.b.c, 2)"),
        (#"!(a.b || b || "c a b" || ( a && b ))"#, #"NOT(LOR(LOR(LOR($a.b, $b), "c a b"), LAND($a, $b)))"#),
        (#"a || b || "c" || ( a && b )"#, #"LOR(LOR(LOR($a, $b), "c"), LAND($a, $b))"#),
        (#"substring(a, 5) == "abc""#, #"EQ(substring($a, 5), "abc")"#),
        ("a|b|c", "OR(OR($a, $b), $c)"),
        ("200", "200"),
        (#""истио""#, #""истио""#),
        (#"origin.host == "9.0.10.1""#, #"EQ($origin.host, "9.0.10.1")"#),
        (#"service.name == "cluster1.ns.*""#, #"EQ($service.name, "cluster1.ns.*")"#),
        ("a() == 200", "EQ(a(), 200)"),
        ("true == false", "EQ(true, false)"),
        ("a.b == 3.14", "EQ($a.b, 3.14)"),
        ("a/b", "QUO($a, $b)"),
        (#""1s""#, #""1s""#),
        (#"request.header["X-FORWARDED-HOST"] == "aaa""#, #"EQ(INDEX($request.header, "X-FORWARDED-HOST"), "aaa")"#),
        (#"source.ip | ip("0.0.0.0")"#, #"OR($source.ip, ip("0.0.0.0"))"#),
        (#"context.time | timestamp("2015-01-02T15:04:05Z")"#, #"OR($context.time, timestamp("2015-01-02T15:04:05Z"))"#),
        (#"match(service.name, "cluster1.ns.*")"#, #"match($service.name, "cluster1.ns.*")"#),
        (#"a.b == 3.14 && c == "d" && r.h["abc"] == "pqr" || r.h["abc"] == "xyz""#,
         #"LOR(LAND(LAND(EQ($a.b, 3.14), EQ($c, "d")), EQ(INDEX($r.h, "abc"), "pqr")), EQ(INDEX($r.h, "abc"), "xyz"))"#),
        ("a()", "a()"),
        ("a.b()", "$a:b()"),
        ("a.b.c(q)", "$a.b:c($q)"),
        ("a.b.c(q, z)", "$a.b:c($q, $z)"),
        ("a.b(q.z(d()))", "$a:b($q:z(d()))"),
        ("a.b(q.z(d())) == 42", "EQ($a:b($q:z(d())), 42)"),
        ("a.b().c().d()", "$a:b():c():d()"),
        ("a.b.c().d()", "$a.b:c():d()"),
        ("a.b.c().d() == 23", "EQ($a.b:c():d(), 23)"),
        (#""abc".matches("foo")"#, #""abc":matches("foo")"#),
        (#""abc".prefix(23).matches("foo")"#, #""abc":prefix(23):matches("foo")"#),
    ]

    static let badParses: [(String, String)] = [
        ("*a != b", "unexpected expression"),
        ("a = bc", "unable to parse"),
        ("3 = 10", "unable to parse"),
        ("(a.c()).d == 300", "unexpected expression"),
        ("substring(*a, 20) == 12", "unexpected expression"),
        ("(*a == 20) && 12", "unexpected expression"),
        ("!*a", "unexpected expression"),
        ("request.headers[*a] == 200", "unexpected expression"),
        ("atr == 'aaa'", "unable to parse"),
        ("c().e.d()", "unexpected expression"),
        ("foo{}", "unexpected expression"),
        ("foo{}.bar", "unexpected expression"),
        ("foo{}.bar()", "unexpected expression"),
        ("(foo{}).bar()", "unexpected expression"),
        ("a().b", "unexpected expression"),
    ]

    @Test(arguments: goodParses)
    func mixersGoodParses(_ source: String, _ postfix: String) throws {
        let expression = try MixerExpression.parse(source).get()
        #expect(expression.description == postfix)
    }

    @Test(arguments: badParses)
    func mixersBadParses(_ source: String, _ fragment: String) {
        guard case .failure(let error) = MixerExpression.parse(source) else {
            Issue.record("\(source) parsed")
            return
        }
        #expect(error.message.contains(fragment), "\(error.message)")
        #expect(error.stage == .parse)
    }

    // The rules of Go's grammar (go/parser: five binary precedence levels)
    // and of Mixer's `newConstant` (strconv, time.ParseDuration) that the
    // default configuration depends on.

    @Test func pipeBindsTighterThanEquality() throws {
        // Go puts `|` with `+` (level 4), above `==` (level 3).
        #expect(try MixerExpression.parse(#"context.protocol | "unknown" == "tcp""#).get().description
            == #"EQ(OR($context.protocol, "unknown"), "tcp")"#)
        #expect(try MixerExpression.parse(#"a + b | c"#).get().description == "OR(ADD($a, $b), $c)")
    }

    @Test func theDefaultRulesMatchExpressionsParse() throws {
        // promhttp's match in Istio 1.2 to 1.7 (install/kubernetes/helm/istio/
        // charts/mixer/templates/config.yaml), and promtcpconnectionopen's
        // from 1.1: `&&` and `||` associate to the left, `|` binds tightest.
        let promhttp = #"(context.protocol == "http" || context.protocol == "grpc") && (match((request.useragent | "-"), "kube-probe*") == false) && (match((request.useragent | "-"), "Prometheus*") == false)"#
        #expect(try MixerExpression.parse(promhttp).get().description
            == #"LAND(LAND(LOR(EQ($context.protocol, "http"), EQ($context.protocol, "grpc")), EQ(match(OR($request.useragent, "-"), "kube-probe*"), false)), EQ(match(OR($request.useragent, "-"), "Prometheus*"), false))"#)
        let open = #"context.protocol == "tcp" && ((connection.event | "na") == "open")"#
        #expect(try MixerExpression.parse(open).get().description
            == #"LAND(EQ($context.protocol, "tcp"), EQ(OR($connection.event, "na"), "open"))"#)
    }

    @Test func stringsTimeParseDurationReadsAreDurations() throws {
        for (literal, nanos) in [(#""10s""#, Int64(10_000_000_000)), (#""1h30m""#, 5_400_000_000_000), (#""0""#, 0),
                                 (#""1.5ms""#, 1_500_000), (#""-2us""#, -2_000)] {
            guard case .constant(let constant) = try MixerExpression.parse(literal).get() else {
                Issue.record("\(literal) is not a constant")
                continue
            }
            #expect(constant.value == .duration(nanos), "\(literal)")
        }
        #expect(try MixerExpression.parse(#""10 s""#).get() == .constant(ExpressionConstant(text: #""10 s""#, value: .string("10 s"))))
    }

    @Test func literalsAreConvertedAsStrconvConvertsThem() throws {
        #expect(try MixerExpression.parse("017").get() == .constant(ExpressionConstant(text: "017", value: .int64(17))),
                "ParseInt(v, 10, 64): a leading 0 is decimal")
        guard case .failure(let hex) = MixerExpression.parse("0x10") else { Issue.record("0x10 parsed"); return }
        #expect(hex.message == #"strconv.ParseInt: parsing "0x10": invalid syntax"#)
        #expect(try MixerExpression.parse("'a'").get() == .constant(ExpressionConstant(text: "'a'", value: .string("a"))))
        #expect(try MixerExpression.parse(#""a\tb\u00e9""#).get()
            == .constant(ExpressionConstant(text: #""a\tb\u00e9""#, value: .string("a\tbé"))))
        #expect(try MixerExpression.parse("TRUE").get() == .constant(ExpressionConstant(text: "true", value: .bool(true))))
        #expect(MixerExpression.parse("99999999999999999999").failureMessage
            == #"strconv.ParseInt: parsing "99999999999999999999": value out of range"#)
    }

    @Test func errorsSayTheColumn() {
        guard case .failure(let error) = MixerExpression.parse("a = bc") else { Issue.record("parsed"); return }
        // As Mixer reports it (mixer/pkg/il/testing/tests.go: "a = 2").
        #expect(error.message == "unable to parse expression 'a = bc': 1:3: expected '==', found '='")
        #expect(error.column == 3)
        guard case .failure(let star) = MixerExpression.parse("a == *b") else { Issue.record("parsed"); return }
        #expect(star.column == 6)
    }
}
