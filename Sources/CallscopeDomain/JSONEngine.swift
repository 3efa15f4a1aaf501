// The JSON engine is a target of its own (docs/ARCHITECTURE.md, "The JSON reader and why"); the
// domain's types are read and written with it, so whoever uses the domain has it too.
@_exported import CallscopeJSON
