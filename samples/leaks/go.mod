module conclint.example/leaks

go 1.19
