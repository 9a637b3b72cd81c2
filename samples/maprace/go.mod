module conclint.example/maprace

go 1.19
