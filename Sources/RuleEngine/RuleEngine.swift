// The RuleEngine stage; see docs/architecture.md.
