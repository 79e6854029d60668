print("clearance-bench: being written")
