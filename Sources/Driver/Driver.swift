// The Driver stage; see docs/architecture.md.
