"""The your-data page: identify an uploaded file and the task built from it.

The page keys its caches by a file's SHA-256 (:func:`file_digest`) instead
of its bytes, and the arena's result store by :func:`upload_summary`'s
``data_id``, which changes with the file and with every choice that changes
the task (target, positive class, features, missing-value rule).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from lib.io import MAX_BYTES, PreparedData
from lib.studies.summary import DataSummary, summarize_data

#: The largest upload in MiB (``lib.io.MAX_BYTES``), as the uploader shows it.
MAX_MB = MAX_BYTES // 1024**2
#: Hex digits of the task hash kept in ``data_id``.
_ID_DIGITS = 24


def file_digest(data: bytes) -> str:
    """The SHA-256 of a file's bytes, as 64 hex digits.

    Parameters
    ----------
    data : bytes
        The uploaded file.

    Returns
    -------
    str
    """
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class UploadSummary:
    """What the page reports about a prepared upload.

    Attributes
    ----------
    data_id : str
        ``"upload-"`` and 24 hex digits of the SHA-256 of the task's
        description: the arena's key for results on this task.
    data : DataSummary
        Rows, features and class-1 samples of the prepared data.
    """

    data_id: str
    data: DataSummary


def upload_summary(
    prepared: PreparedData,
    *,
    digest: str,
    target: str,
    positive: str | None,
    features: Sequence[str],
    drop: bool,
) -> UploadSummary:
    """Summarise a prepared upload and name its task.

    Parameters
    ----------
    prepared : PreparedData
        From :func:`lib.io.prepare`.
    digest : str
        :func:`file_digest` of the file.
    target, positive, features, drop
        The choices that built ``prepared``: target column, its value that
        became class 1, the feature columns, whether rows with missing
        values were dropped.

    Returns
    -------
    UploadSummary
    """
    task = repr((digest, target, positive, tuple(features), drop)).encode()
    return UploadSummary(
        data_id=f"upload-{hashlib.sha256(task).hexdigest()[:_ID_DIGITS]}",
        data=summarize_data(prepared.X, prepared.y),
    )
