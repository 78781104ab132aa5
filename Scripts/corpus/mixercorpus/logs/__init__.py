"""Envoy debug logs carrying Mixer requests as DebugString text (Corpus/logs).

  dumps            protoc's text of the binary corpus and of built messages
  textstrings      C escapes inside quoted strings of DebugString text
  textparse        the line-oriented reader of DebugString text
  expect_records   records of a dump resolved with Mixer's rules
  expect_values    Attributes values and CheckResponse read from text
  expect_dump      the expectation of one dump as it stands in a log
  utf8             the Utf8DebugString variant of protoc's text
  layout           timestamps and the first-line layout per Envoy release
  log              a log file being written, and its expected.json
  envoy_lines      the Envoy lines around the dumps
  release_logs_*   one log per Envoy/Istio release
  wrappers         envoy-1.1.log as kubectl, Docker and viewers wrap it
  damaged          logs whose dumps are cut or edited
  noisy            garbage, deep nesting and many small dumps
  vm_scenario      the VM scenario: two sidecars' logs in one file
  build            generate_logs.py's main
"""
