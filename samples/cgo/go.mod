module conclint.example/cgo

go 1.19
