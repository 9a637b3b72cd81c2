module gobidtotype

go 1.19
