import TensorBackend
print("zoo")
