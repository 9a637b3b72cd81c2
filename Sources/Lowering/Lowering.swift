// The Lowering stage; see docs/architecture.md.
