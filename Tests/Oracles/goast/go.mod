module conclint.dev/oracles/goast

go 1.19
