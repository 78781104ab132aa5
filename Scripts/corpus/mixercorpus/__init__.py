"""The corpus generators' building blocks (Python 3 standard library only).

Scripts/corpus/generate.py and generate_logs.py are thin entry points; the
work is done here, one concern per module:

  paths            where the generators read and write, protoc include paths
  dictionary       the global dictionary and the attribute manifest
  values           typed attribute values (Val) and their constructors
  render           a value as the tool prints it (the expected.json contract)
  compress         istio-proxy's AttributeCompressor: records -> indices
  mixer            Mixer's rules: indices -> attributes, with findings
  expectations     NAME.expected.json of a scenario, cross-checked
  textformat       protobuf text format of the compressed messages
  protoc           running protoc (the independent encoder)
  bookinfo         Bookinfo pods and the records a sidecar sends
  scenarios_*      the scenarios as data (traffic, edge values, wire shapes)
  check_response   CheckResponse scenarios (Mixer's answer)
  files            the generated-file header and JSON writing
  writer           writing one scenario: .txtpb, .bin, .expected.json
  renderings       gRPC frames and the text forms of binaries (hex, base64)
  wire             a minimal protobuf wire walker (offsets for broken/)
  broken*          byte surgery on good binaries (Corpus/broken)
  binary_corpus    generate.py's main: binary/, frames/, text/, examples/
  logs/            generate_logs.py: Envoy debug logs (Corpus/logs)
"""
