print("cmemu")
