/// `CheckResponse` and the messages inside it (istio/api
/// `mixer/v1/check.proto`, googleapis `google/rpc/status.proto`); see
/// `MessageSchema.swift`.
enum CheckResponseField: UInt32, MessageSchema {
    case precondition = 2, quotas = 3

    var spec: FieldSpec {
        switch self {
        case .precondition: FieldSpec("precondition", .lengthDelimited)  // PreconditionResult
        case .quotas: FieldSpec("quotas", .lengthDelimited)  // map<string, QuotaResult>
        }
    }
}

/// `CheckResponse.PreconditionResult`.
enum PreconditionField: UInt32, MessageSchema {
    case status = 1, validDuration = 2, validUseCount = 3, referencedAttributes = 5, routeDirective = 6

    var spec: FieldSpec {
        switch self {
        case .status: FieldSpec("status", .lengthDelimited)  // google.rpc.Status
        case .validDuration: FieldSpec("valid_duration", .lengthDelimited)  // Duration
        case .validUseCount: FieldSpec("valid_use_count", .varint)  // int32
        case .referencedAttributes: FieldSpec("referenced_attributes", .lengthDelimited)
        case .routeDirective: FieldSpec("route_directive", .lengthDelimited)
        }
    }
}

/// `CheckResponse.QuotaResult`.
enum QuotaResultField: UInt32, MessageSchema {
    case validDuration = 1, grantedAmount = 2, referencedAttributes = 5, status = 6

    var spec: FieldSpec {
        switch self {
        case .validDuration: FieldSpec("valid_duration", .lengthDelimited)  // Duration
        case .grantedAmount: FieldSpec("granted_amount", .varint)  // int64
        case .referencedAttributes: FieldSpec("referenced_attributes", .lengthDelimited)
        case .status: FieldSpec("status", .lengthDelimited)  // google.rpc.Status
        }
    }
}

/// `google.rpc.Status`.
enum StatusField: UInt32, MessageSchema {
    case code = 1, message = 2, details = 3

    var spec: FieldSpec {
        switch self {
        case .code: FieldSpec("code", .varint)  // int32
        case .message: FieldSpec("message", .lengthDelimited)  // string
        case .details: FieldSpec("details", .lengthDelimited)  // repeated google.protobuf.Any, not in the model
        }
    }
}

/// `ReferencedAttributes`.
enum ReferencedAttributesField: UInt32, MessageSchema {
    case words = 1, attributeMatches = 2

    var spec: FieldSpec {
        switch self {
        case .words: FieldSpec("words", .lengthDelimited)  // repeated string
        case .attributeMatches: FieldSpec("attribute_matches", .lengthDelimited)  // repeated AttributeMatch
        }
    }
}

/// `ReferencedAttributes.AttributeMatch`.
enum AttributeMatchField: UInt32, MessageSchema {
    case name = 1, condition = 2, regex = 3, mapKey = 4

    var spec: FieldSpec {
        switch self {
        case .name: FieldSpec("name", .varint)  // sint32
        case .condition: FieldSpec("condition", .varint)  // enum
        case .regex: FieldSpec("regex", .lengthDelimited)  // string
        case .mapKey: FieldSpec("map_key", .varint)  // sint32
        }
    }
}

/// `RouteDirective`.
enum RouteDirectiveField: UInt32, MessageSchema {
    case requestHeaderOperations = 1, responseHeaderOperations = 2, directResponseCode = 3, directResponseBody = 4

    var spec: FieldSpec {
        switch self {
        case .requestHeaderOperations: FieldSpec("request_header_operations", .lengthDelimited)
        case .responseHeaderOperations: FieldSpec("response_header_operations", .lengthDelimited)
        case .directResponseCode: FieldSpec("direct_response_code", .varint)  // uint32
        case .directResponseBody: FieldSpec("direct_response_body", .lengthDelimited)  // string
        }
    }
}

/// `HeaderOperation`.
enum HeaderOperationField: UInt32, MessageSchema {
    case name = 1, value = 2, operation = 3

    var spec: FieldSpec {
        switch self {
        case .name: FieldSpec("name", .lengthDelimited)  // string
        case .value: FieldSpec("value", .lengthDelimited)  // string
        case .operation: FieldSpec("operation", .varint)  // enum
        }
    }
}
