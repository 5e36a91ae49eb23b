print("fieldopsctl")
