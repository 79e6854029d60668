print("clearance: being written")
