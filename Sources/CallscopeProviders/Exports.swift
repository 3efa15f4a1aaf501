@_exported import CallscopeDialects
