print("conclint")
