"""Settings shared by the tests of lib.studies."""

#: Few epochs and large batches keep the class-balanced trainings fast.
FAST = {"epochs": 8, "batch_size": 128}
