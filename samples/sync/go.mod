module conclint.example/sync

go 1.19
