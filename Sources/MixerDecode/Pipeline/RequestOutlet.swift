/// The last step of reading every request, whatever its input's form: it
/// is named after its input, numbered in input order, and given the
/// diagnostics it will run when decoded. The stages before it say only
/// where in the input the request is.
struct RequestOutlet: Sendable {
    let inputName: String
    let diagnostics: Diagnostics?
    /// Requests found so far: the next one's ordinal.
    private(set) var count = 0

    init(inputName: String, diagnostics: Diagnostics?) {
        self.inputName = inputName
        self.diagnostics = diagnostics
    }

    mutating func send(_ pending: PendingRequest, found: (PendingRequest) -> Void) {
        var pending = pending
        pending.location.input = inputName
        pending.location.ordinal = count
        pending.diagnostics = diagnostics
        count += 1
        found(pending)
    }
}
