// The GoSema stage; see docs/architecture.md.
