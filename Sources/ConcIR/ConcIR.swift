// The ConcIR stage; see docs/architecture.md.
