/// The last step of every request, whatever its input's form: it is named
/// after its input, numbered in input order, diagnosed, and emitted. The
/// stages before it say only where in the input the request is.
struct RequestOutlet: Sendable {
    let inputName: String
    let diagnostics: Diagnostics?
    /// Requests emitted so far: the next one's ordinal.
    private(set) var count = 0

    init(inputName: String, diagnostics: Diagnostics?) {
        self.inputName = inputName
        self.diagnostics = diagnostics
    }

    mutating func send(_ request: ResolvedRequest, emit: (ResolvedRequest) -> Void) {
        var request = request
        request.location.input = inputName
        request.location.ordinal = count
        diagnostics?.apply(to: &request)
        count += 1
        emit(request)
    }
}
