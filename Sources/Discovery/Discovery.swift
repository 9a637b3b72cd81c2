// The Discovery stage; see docs/architecture.md.
