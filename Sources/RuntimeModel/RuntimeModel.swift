// The RuntimeModel stage; see docs/architecture.md.
