// The Escape stage; see docs/architecture.md.
