"""lib.studies.your_data: the uploaded file's digest and the task id."""

import hashlib

import numpy as np

from lib.io import MAX_BYTES, PreparedData
from lib.studies.your_data import MAX_MB, file_digest, upload_summary


def test_the_digest_and_the_task_id_follow_the_file_and_the_choices():
    assert MAX_MB * 1024**2 == MAX_BYTES
    assert file_digest(b"a,b\n1,2\n") == hashlib.sha256(b"a,b\n1,2\n").hexdigest()
    prepared = PreparedData(np.ones((5, 2)), np.array([0, 0, 0, 1, 1]), ["a", "b"], "yes")
    choices = {"digest": "d", "target": "t", "positive": "yes", "features": ["a", "b"]}
    summary = upload_summary(prepared, drop=False, **choices)
    task = repr(("d", "t", "yes", ("a", "b"), False)).encode()
    assert summary.data_id == f"upload-{hashlib.sha256(task).hexdigest()[:24]}"
    assert (summary.data.rows, summary.data.minority) == (5, 2)
    assert summary.data.majority_per_minority == 1.5
    assert upload_summary(prepared, drop=True, **choices).data_id != summary.data_id
