/// The attributes the rules, the summary and the evaluator's findings read
/// for every record, looked up in the global dictionary once
/// (`AttributeName`), not on every read.
extension AttributeName {
    public static let contextProtocol = AttributeName("context.protocol")
    public static let contextProxyVersion = AttributeName("context.proxy_version")
    public static let contextReporterKind = AttributeName("context.reporter.kind")
    public static let destinationServiceHost = AttributeName("destination.service.host")
    /// 0.8's destination service (1.0 on: `destination.service.host`).
    public static let destinationService = AttributeName("destination.service")
    static let destinationServiceName = AttributeName("destination.service.name")
    static let destinationIP = AttributeName("destination.ip")
    static let destinationPort = AttributeName("destination.port")
    public static let destinationUID = AttributeName("destination.uid")
    public static let sourceUID = AttributeName("source.uid")
    public static let requestUserAgent = AttributeName("request.useragent")
    static let connectionSentBytes = AttributeName("connection.sent.bytes")
    static let connectionReceivedBytes = AttributeName("connection.received.bytes")
    static let connectionEvent = AttributeName("connection.event")
    /// The attributes of type IP_ADDRESS, whose bytes must be an address.
    static let ipAddresses = ["source.ip", "destination.ip", "origin.ip"].map(AttributeName.init)
}
