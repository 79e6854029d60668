print("crash writer: being written")
