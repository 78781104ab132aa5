/// The attributes the rules and the summary read for every record, looked
/// up in the global dictionary once (`AttributeName`), not on every read.
extension AttributeName {
    static let contextProtocol = AttributeName("context.protocol")
    static let contextProxyVersion = AttributeName("context.proxy_version")
    static let contextReporterKind = AttributeName("context.reporter.kind")
    static let destinationServiceHost = AttributeName("destination.service.host")
    static let destinationServiceName = AttributeName("destination.service.name")
    static let destinationIP = AttributeName("destination.ip")
    static let destinationPort = AttributeName("destination.port")
    static let destinationUID = AttributeName("destination.uid")
    static let sourceUID = AttributeName("source.uid")
    static let requestUserAgent = AttributeName("request.useragent")
    static let connectionSentBytes = AttributeName("connection.sent.bytes")
    static let connectionReceivedBytes = AttributeName("connection.received.bytes")
    static let connectionEvent = AttributeName("connection.event")
    /// The attributes of type IP_ADDRESS, whose bytes must be an address.
    static let ipAddresses = ["source.ip", "destination.ip", "origin.ip"].map(AttributeName.init)
}
