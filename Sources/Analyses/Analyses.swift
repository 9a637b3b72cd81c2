// The Analyses stage; see docs/architecture.md.
