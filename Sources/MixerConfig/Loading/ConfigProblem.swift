/// A problem in a configuration file, said with where it is: the file, the
/// resource (kind, name, namespace), the field, and the line and column
/// when YAML gives them; and what Mixer does about it.
public struct ConfigProblem: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var resource: String?
    public var field: String?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, resource: String? = nil, field: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.resource = resource
        self.field = field
        self.message = message
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        return ([place, resource, field].compactMap { $0 }.joined(separator: ", ")) + ": " + message
    }
}
