r"""Reading a user's CSV file and turning it into a binary classification task.

Everything a user can upload is checked here, with a message that says what
to change: the file must be a text CSV of at most :data:`MAX_BYTES` and
:data:`MAX_ROWS` rows; the target must have at least two classes (one of
them is chosen as the positive class 1, the rest become class 0); text
features with few distinct values are one-hot encoded, others are refused;
missing values are refused unless the user asks to drop those rows.

References
----------
RFC 4180, "Common Format and MIME Type for Comma-Separated Values (CSV)
Files" (2005).
pandas ``read_csv`` and ``get_dummies`` (one-hot encoding).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from lib._validation import check_int
from lib.i18n import LabError

#: Largest accepted file (Streamlit's default upload limit is the same).
MAX_BYTES = 200 * 1024 * 1024
#: Most rows accepted: cross-validating ten strategies stays interactive.
MAX_ROWS = 200_000
#: Most columns accepted.
MAX_COLUMNS = 1000
#: Text columns with at most this many distinct values are one-hot encoded.
MAX_CATEGORIES = 20
#: Most distinct target values: more look like a measurement, not class labels.
MAX_CLASSES = 50
#: How :func:`class_counts` labels rows without a target value.
MISSING = "<missing>"
_DELIMITERS = ",;\t|"
#: A field such as 1,5 or -0,25 between semicolons: a decimal comma.
_DECIMAL_COMMA = re.compile(r"(?:^|;)\s*-?\d+,\d+\s*(?:;|$)", re.MULTILINE)


def _size(n_bytes: int) -> str:
    return f"{n_bytes / 1024**2:,.1f} MB"


def read_csv(
    data: bytes, *, filename: str = "data.csv", max_bytes: int = MAX_BYTES, max_rows: int = MAX_ROWS
) -> pd.DataFrame:
    """Parse an uploaded CSV file, refusing anything that is not one.

    The delimiter (comma, semicolon, tab or bar) is detected with
    :class:`csv.Sniffer` on the first lines; text is decoded as UTF-8 (with or
    without BOM), falling back to Latin-1.

    Parameters
    ----------
    data : bytes
        The file's contents.
    filename : str, default="data.csv"
        The file's name, for messages and the extension check.
    max_bytes : int, default=MAX_BYTES
        Largest accepted size.
    max_rows : int, default=MAX_ROWS
        Most data rows accepted.

    Returns
    -------
    DataFrame
        With the header row as column names.

    Raises
    ------
    ValueError
        When the file is too large, empty, binary (e.g. Excel, ZIP, an
        image), not parseable as CSV, has fewer than two columns, duplicate
        column names, or too many rows or columns.

    References
    ----------
    RFC 4180 (2005); Python ``csv.Sniffer``.
    """
    limit = check_int("max_bytes", max_bytes, low=1)
    rows_limit = check_int("max_rows", max_rows, low=1)
    if not isinstance(data, bytes | bytearray):
        raise LabError("error.upload.not_bytes")
    if len(data) > limit:
        raise LabError(
            "error.upload.too_large", file=filename, size=_size(len(data)), limit=_size(limit)
        )
    lower = filename.lower()
    if not lower.endswith((".csv", ".txt", ".tsv")):
        raise LabError("error.upload.not_csv_name", file=filename)
    if not data.strip():
        raise LabError("error.upload.empty", file=filename)
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        # Excel's "Unicode text" export: UTF-16 with a byte-order mark.
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError as err:  # a truncated or damaged UTF-16 file
            raise LabError(
                "error.upload.unparseable", file=filename, detail=f"UTF-16, {err.reason}"
            ) from None
    if b"\x00" in data[:65536] or data[:4] in (b"PK\x03\x04", b"\xd0\xcf\x11\xe0"):
        raise LabError("error.upload.binary", file=filename)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    head = "\n".join(text.splitlines()[:50])
    try:
        delimiter = csv.Sniffer().sniff(head, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        delimiter = ","
    first_line = text.lstrip().splitlines()[0] if text.strip() else ""
    header = [h.strip() for h in next(csv.reader([first_line], delimiter=delimiter))]
    if len(header) > MAX_COLUMNS:
        raise LabError(
            "error.upload.too_many_columns",
            file=filename,
            columns=f"{len(header):,}",
            limit=f"{MAX_COLUMNS:,}",
        )
    # Semicolon files usually come from locales that write 1,5 for 1.5.
    decimal = "," if delimiter == ";" and _DECIMAL_COMMA.search(text[:65536]) else "."
    try:
        # index_col=False: a delimiter at the end of every data row must not
        # turn the first column into the index and shift the others.
        frame = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            nrows=rows_limit + 1,
            skipinitialspace=True,
            index_col=False,
            decimal=decimal,
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeError) as err:
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise LabError("error.upload.unparseable", file=filename, detail=first) from None
    if len(frame) > rows_limit:
        raise LabError("error.upload.too_many_rows", file=filename, limit=f"{rows_limit:,}")
    if frame.shape[1] < 2:
        raise LabError("error.upload.one_column", file=filename, columns=frame.shape[1])
    if len(frame) == 0:
        raise LabError("error.upload.no_rows", file=filename)
    if any(not h for h in header):
        raise LabError("error.upload.unnamed_column", file=filename)
    duplicates = sorted({h for h in header if header.count(h) > 1})
    if duplicates:
        raise LabError(
            "error.upload.duplicate_columns", file=filename, columns=", ".join(duplicates)
        )
    frame.columns = [str(c) for c in frame.columns]
    return frame


def class_counts(frame: pd.DataFrame, target: str) -> pd.Series:
    """Rows per value of the target column, most frequent first (missing values counted).

    Parameters
    ----------
    frame : DataFrame
        From :func:`read_csv`.
    target : str
        Column name.

    Returns
    -------
    Series
        Counts indexed by the target's values (as text).

    Raises
    ------
    ValueError
        When ``target`` is not a column or has more than :data:`MAX_CLASSES`
        distinct values (a measurement, not class labels).

    References
    ----------
    pandas ``Series.value_counts``.
    """
    _check_target(frame, target)
    counts = frame[target].astype("string").fillna(MISSING).value_counts()
    counts.index = counts.index.astype(str)
    _check_classes(target, int(len(counts.drop(MISSING, errors="ignore"))))
    return counts.astype(np.int64)


def _check_classes(target: str, n_values: int) -> None:
    if n_values > MAX_CLASSES:
        raise LabError(
            "error.upload.too_many_classes",
            target=repr(target),
            values=f"{n_values:,}",
            limit=MAX_CLASSES,
        )


def _check_target(frame: pd.DataFrame, target: str) -> None:
    if target not in frame.columns:
        raise LabError(
            "error.upload.no_such_column",
            target=repr(target),
            columns=", ".join(map(str, frame.columns[:20])) + (" …" if frame.shape[1] > 20 else ""),
        )


@dataclass(frozen=True)
class PreparedData:
    """Features and binary labels built from an uploaded table.

    Attributes
    ----------
    X : ndarray of shape (n, d)
        Numeric features (one-hot columns included).
    y : ndarray of int of shape (n,)
        1 where the target equals ``positive``.
    feature_names : list of str
        One per column of ``X``.
    positive : str
        The target value that became class 1.
    dropped_rows : int
        Rows removed because of missing values (``missing="drop"``).
    encoded : dict of str to int
        Text columns one-hot encoded and their number of categories.
    """

    X: NDArray[np.float64]
    y: NDArray[np.int64]
    feature_names: list[str]
    positive: str
    dropped_rows: int = 0
    encoded: dict[str, int] = field(default_factory=dict)


def prepare(
    frame: pd.DataFrame,
    target: str,
    *,
    positive: str | None = None,
    features: list[str] | None = None,
    missing: str = "refuse",
) -> PreparedData:
    r"""Turn a table into numeric features and a one-vs-rest binary target.

    :math:`y_i = [\,\mathrm{target}_i = \mathrm{positive}\,]`. Numeric and
    boolean columns are used as they are; a text column with at most
    :data:`MAX_CATEGORIES` distinct values becomes one 0/1 column per value
    (one-hot); other text columns are refused.

    Parameters
    ----------
    frame : DataFrame
        From :func:`read_csv`.
    target : str
        The column to predict.
    positive : str or None, default=None
        The target value (as text) that is class 1; None: the least frequent.
    features : list of str or None, default=None
        Columns to use as features; None: every other column.
    missing : {"refuse", "drop"}, default="refuse"
        Refuse missing values with a message, or drop the rows that have any
        in the target or the chosen features.

    Returns
    -------
    PreparedData

    Raises
    ------
    ValueError
        No such target; a single class; more than :data:`MAX_CLASSES`
        target values; no features; a feature that is the
        target; text with too many distinct values; missing or infinite
        values (with ``missing="refuse"``); fewer than two rows per class.

    References
    ----------
    pandas ``get_dummies`` (one-hot encoding); Rifkin & Klautau (2004), "In
    Defense of One-Vs-All Classification", JMLR 5.
    """
    _check_target(frame, target)
    if missing not in ("refuse", "drop"):
        raise LabError(
            "error.arg.choice", name="missing", choices="'refuse', 'drop'", value=repr(missing)
        )
    columns = [c for c in frame.columns if c != target] if features is None else list(features)
    unknown = [c for c in columns if c not in frame.columns]
    if unknown:
        raise LabError("error.upload.unknown_features", columns=", ".join(map(str, unknown)))
    if target in columns:
        raise LabError("error.upload.target_is_feature", target=repr(target))
    repeated = sorted({c for c in columns if columns.count(c) > 1})
    if repeated:
        raise LabError("error.upload.repeated_features", columns=", ".join(map(str, repeated)))
    if not columns:
        raise LabError("error.upload.no_features")
    table = frame[[target, *columns]]
    has_missing = table.isna()
    dropped = 0
    if has_missing.to_numpy().any():
        if missing == "refuse":
            bad = has_missing.sum()
            bad = bad[bad > 0]
            listing = ", ".join(f"{k} ({v:,})" for k, v in bad.head(5).items())
            raise LabError(
                "error.upload.missing",
                rows=f"{int(has_missing.any(axis=1).sum()):,}",
                columns=listing + (" …" if len(bad) > 5 else ""),
            )
        keep = ~has_missing.any(axis=1)
        dropped = int((~keep).sum())
        table = table[keep]
        if table.empty:
            raise LabError("error.upload.all_missing")
    labels = table[target].astype("string").astype(str)
    values = labels.value_counts()
    if len(values) < 2:
        raise LabError(
            "error.upload.single_class", target=repr(target), value=repr(values.index[0])
        )
    _check_classes(target, len(values))
    pos = str(values.index[-1]) if positive is None else str(positive)
    if pos not in values.index:
        raise LabError(
            "error.upload.no_such_value",
            value=repr(pos),
            target=repr(target),
            values=", ".join(map(repr, values.index[:10])),
        )
    y = (labels == pos).to_numpy().astype(np.int64)
    for cls, count in ((1, int(y.sum())), (0, int(len(y) - y.sum()))):
        if count < 2:
            raise LabError("error.upload.tiny_class", cls=cls, count=count)
    parts: list[pd.DataFrame] = []
    encoded: dict[str, int] = {}
    for name in columns:
        col: Any = table[name]
        if pd.api.types.is_bool_dtype(col) or pd.api.types.is_numeric_dtype(col):
            parts.append(col.astype(np.float64).to_frame(name))
            continue
        n_levels = int(col.nunique())
        if n_levels > MAX_CATEGORIES:
            raise LabError(
                "error.upload.too_many_categories",
                column=repr(name),
                values=f"{n_levels:,}",
                example=repr(col.iloc[0]),
                limit=MAX_CATEGORIES,
            )
        dummies = pd.get_dummies(col.astype(str), prefix=name, prefix_sep="=", dtype=np.float64)
        encoded[name] = n_levels
        parts.append(dummies)
    features_frame = pd.concat(parts, axis=1)
    X = features_frame.to_numpy(dtype=np.float64)
    if not np.all(np.isfinite(X)):
        raise LabError("error.upload.infinite")
    return PreparedData(
        X=X,
        y=y,
        feature_names=[str(c) for c in features_frame.columns],
        positive=pos,
        dropped_rows=dropped,
        encoded=encoded,
    )
