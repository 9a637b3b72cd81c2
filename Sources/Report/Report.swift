// The Report stage; see docs/architecture.md.
