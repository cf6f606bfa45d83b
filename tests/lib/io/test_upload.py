from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pytest

from lib.i18n import catalogue
from lib.io import (
    MAX_CATEGORIES,
    MAX_COLUMNS,
    PreparedData,
    class_counts,
    prepare,
    read_csv,
    upload,
)
from tests.lib.helpers import _assert_translated, _error


def table(text: str) -> pd.DataFrame:
    return read_csv(text.encode("utf-8"))


# --- read_csv: accepted files ----------------------------------------------------------


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_read_csv_detects_the_delimiter(delimiter):
    text = (
        delimiter.join(["a", "b", "c"])
        + "\n"
        + "\n".join(delimiter.join([str(i), str(2 * i), f"v{i % 2}"]) for i in range(5))
        + "\n"
    )
    frame = read_csv(text.encode("utf-8"))
    assert list(frame.columns) == ["a", "b", "c"]
    assert frame.shape == (5, 3)
    np.testing.assert_array_equal(frame["a"].to_numpy(), np.arange(5))
    np.testing.assert_array_equal(frame["b"].to_numpy(), 2 * np.arange(5))
    assert frame["c"].tolist() == ["v0", "v1", "v0", "v1", "v0"]


def test_read_csv_reads_a_tsv_file():
    frame = read_csv(b"x\ty\n1.5\tno\n2.5\tyes\n", filename="DATA.TSV")
    assert list(frame.columns) == ["x", "y"]
    assert frame["x"].tolist() == [1.5, 2.5]


def test_read_csv_accepts_txt_files_and_crlf_line_ends():
    frame = read_csv(b"a,b\r\n1,2\r\n3,4\r\n", filename="export.txt")
    assert list(frame.columns) == ["a", "b"]
    assert frame.to_numpy().tolist() == [[1, 2], [3, 4]]


def test_read_csv_strips_a_utf8_bom():
    data = "\ufeffname,value\ncafé,1\nthé,2\n".encode()
    assert data.startswith(b"\xef\xbb\xbf")
    frame = read_csv(data)
    assert list(frame.columns) == ["name", "value"]
    assert frame["name"].tolist() == ["café", "thé"]


def test_read_csv_checks_the_header_after_the_bom():
    with pytest.raises(ValueError, match=r"duplicate column names \(a\)"):
        read_csv(b"\xef\xbb\xbfa,a,b\n1,2,3\n")


def test_read_csv_decodes_utf8_without_bom():
    frame = read_csv("name;value\nNaïve;1\nZürich;2\n".encode())
    assert frame["name"].tolist() == ["Naïve", "Zürich"]


def test_read_csv_falls_back_to_latin1():
    data = "name;value\ncafé;1\nthé;2\n".encode("latin-1")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    frame = read_csv(data)
    assert list(frame.columns) == ["name", "value"]
    assert frame["name"].tolist() == ["café", "thé"]
    assert frame["value"].tolist() == [1, 2]


def test_read_csv_accepts_bytearray_quoted_fields_and_leading_blank_lines():
    frame = read_csv(bytearray(b'\n\n"a,b",c\n"1,5",2\n'))
    assert list(frame.columns) == ["a,b", "c"]
    assert frame.iloc[0].tolist() == ["1,5", 2]


def test_read_csv_skips_spaces_after_the_delimiter():
    frame = read_csv(b"a, b\n1, x\n2, y\n")
    assert list(frame.columns) == ["a", "b"]
    assert frame["b"].tolist() == ["x", "y"]


def test_read_csv_accepts_exactly_max_rows_and_max_bytes():
    data = b"a,b\n" + b"".join(b"%d,%d\n" % (i, i) for i in range(10))
    assert len(read_csv(data, max_rows=10)) == 10
    assert len(read_csv(data, max_bytes=len(data))) == 10


def test_read_csv_accepts_max_columns():
    header = ",".join(f"c{i}" for i in range(MAX_COLUMNS))
    row = ",".join("1" for _ in range(MAX_COLUMNS))
    frame = read_csv(f"{header}\n{row}\n".encode())
    assert frame.shape == (1, MAX_COLUMNS)


# --- read_csv: refused files -----------------------------------------------------------


BINARY = [
    b"a,b\n1,\x002\n",  # a NUL byte
    b"PK\x03\x04\x14\x00\x06\x00rest of a zip",  # ZIP / XLSX
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old excel",  # OLE2 / XLS
]


@pytest.mark.parametrize("data", BINARY, ids=["nul", "zip", "xls"])
def test_read_csv_refuses_binary_files(data):
    with pytest.raises(ValueError, match="is a binary file"):
        read_csv(data, filename="book.csv")


@pytest.mark.parametrize("filename", ["book.xlsx", "data.json", "data.xls", "data", "a.csv.gz"])
def test_read_csv_refuses_other_extensions(filename):
    with pytest.raises(ValueError, match=f"{filename} does not look like a CSV file"):
        read_csv(b"a,b\n1,2\n", filename=filename)


def test_read_csv_refuses_an_xlsx_named_file_even_with_csv_content():
    with pytest.raises(ValueError, match="Export the table as CSV"):
        read_csv(b"PK\x03\x04", filename="book.xlsx")


@pytest.mark.parametrize("data", [b"", b"   \n\n  ", b"\n"])
def test_read_csv_refuses_empty_files(data):
    with pytest.raises(ValueError, match="data.csv is empty"):
        read_csv(data)


@pytest.mark.parametrize(
    "data, match",
    [
        (b"a,b\n1,2\n3,4,5\n", r"could not be read as CSV.*same number of fields"),
        (b"a\n1\n2\n", r"has 1 column; .*target column"),
        (b"a,b\n", "has a header but no data rows"),
        (b"a,a,b\n1,2,3\n", r"duplicate column names \(a\)"),
        (b"a, a,b\n1,2,3\n", r"duplicate column names \(a\)"),
        (b"x,y,x,y\n1,2,3,4\n", r"duplicate column names \(x, y\)"),
        (b"a,,b\n1,2,3\n", "column without a name"),
        (b"a,b, \n1,2,3\n", "column without a name"),
    ],
)
def test_read_csv_refuses_malformed_tables(data, match):
    with pytest.raises(ValueError, match=match):
        read_csv(data)


def test_read_csv_refuses_too_many_rows():
    data = b"a,b\n" + b"".join(b"%d,%d\n" % (i, i) for i in range(11))
    with pytest.raises(ValueError, match="more than 10 rows; the limit is 10"):
        read_csv(data, max_rows=10)


def test_read_csv_refuses_too_many_bytes():
    data = b"a,b\n" + b"1,2\n" * 30
    assert len(data) > 100
    with pytest.raises(ValueError, match=r"the limit is .*Upload a sample"):
        read_csv(data, max_bytes=100)
    assert len(read_csv(data, max_bytes=len(data))) == 30


def test_read_csv_refuses_too_many_columns():
    n = MAX_COLUMNS + 1
    header = ",".join(f"c{i}" for i in range(n))
    row = ",".join("1" for _ in range(n))
    with pytest.raises(ValueError, match=f"{n:,} columns; the limit is {MAX_COLUMNS:,}"):
        read_csv(f"{header}\n{row}\n".encode())


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"max_rows": 0}, "max_rows"),
        ({"max_bytes": 0}, "max_bytes"),
        ({"max_rows": 2.5}, "max_rows"),
    ],
)
def test_read_csv_refuses_bad_limits(kwargs, match):
    with pytest.raises(ValueError, match=match):
        read_csv(b"a,b\n1,2\n", **kwargs)


def test_read_csv_refuses_text_instead_of_bytes():
    with pytest.raises(ValueError, match="bytes of a file"):
        read_csv("a,b\n1,2\n")


# --- class_counts ----------------------------------------------------------------------


def test_class_counts_most_frequent_first_with_missing_values():
    frame = pd.DataFrame({"target": ["a", "b", "a", None, "a", "c", "c"], "x": range(7)})
    counts = class_counts(frame, "target")
    assert counts.to_dict() == {"a": 3, "c": 2, "b": 1, "<missing>": 1}
    assert counts.index[0] == "a"
    assert counts.dtype == np.int64
    assert counts.sum() == len(frame)


def test_class_counts_index_is_text_for_numeric_targets():
    counts = class_counts(table("x,y\n1,0\n2,1\n3,0\n4,0\n"), "y")
    assert counts.to_dict() == {"0": 3, "1": 1}
    assert all(isinstance(k, str) for k in counts.index)


def test_class_counts_refuses_an_unknown_target():
    with pytest.raises(ValueError, match=r"There is no column 'z'; the columns are x, y\."):
        class_counts(table("x,y\n1,0\n"), "z")


# --- prepare ---------------------------------------------------------------------------


MIXED = table(
    "x,color,flag,y\n"
    "1.5,red,True,a\n2,green,False,b\n3,blue,True,a\n4,red,False,c\n"
    "5,green,True,a\n6,blue,False,b\n7,red,True,c\n8,red,True,a\n9,blue,False,b\n"
)


def test_prepare_numeric_bool_and_one_hot_columns():
    data = prepare(MIXED, "y", positive="a")
    assert isinstance(data, PreparedData)
    assert data.feature_names == ["x", "color=blue", "color=green", "color=red", "flag"]
    assert data.encoded == {"color": 3}
    assert data.positive == "a"
    assert data.dropped_rows == 0
    assert data.X.dtype == np.float64 and data.y.dtype == np.int64
    np.testing.assert_array_equal(data.X[:, 0], [1.5, 2, 3, 4, 5, 6, 7, 8, 9])
    colors = MIXED["color"].tolist()
    for j, value in enumerate(["blue", "green", "red"], start=1):
        np.testing.assert_array_equal(data.X[:, j], [float(c == value) for c in colors])
    np.testing.assert_array_equal(data.X[:, 1:4].sum(axis=1), 1.0)
    np.testing.assert_array_equal(data.X[:, 4], [1, 0, 1, 0, 1, 0, 1, 1, 0])
    np.testing.assert_array_equal(data.y, [1, 0, 1, 0, 1, 0, 0, 1, 0])


def test_prepare_positive_none_picks_the_least_frequent_class():
    # a: 4, b: 3, c: 2 -> c is the positive class.
    data = prepare(MIXED, "y")
    assert data.positive == "c"
    np.testing.assert_array_equal(data.y, [0, 0, 0, 1, 0, 0, 1, 0, 0])


def test_prepare_one_vs_rest_for_a_multiclass_target():
    for positive in ("a", "b", "c"):
        data = prepare(MIXED, "y", positive=positive, features=["x"])
        np.testing.assert_array_equal(data.y, (MIXED["y"] == positive).to_numpy())
        assert data.feature_names == ["x"]
        assert data.encoded == {}


def test_prepare_numeric_target_with_a_positive_given_as_a_number():
    frame = table("x,y\n1,1\n2,0\n3,0\n4,1\n5,0\n")
    by_text = prepare(frame, "y", positive="1")
    by_number = prepare(frame, "y", positive=1)
    np.testing.assert_array_equal(by_text.y, [1, 0, 0, 1, 0])
    np.testing.assert_array_equal(by_number.y, by_text.y)
    assert by_number.positive == "1"
    # Least frequent: 1 (two rows) against 0 (three rows).
    assert prepare(frame, "y").positive == "1"


def test_prepare_feature_subset_in_the_given_order():
    data = prepare(MIXED, "y", positive="a", features=["flag", "x"])
    assert data.feature_names == ["flag", "x"]
    np.testing.assert_array_equal(data.X[:, 1], MIXED["x"].to_numpy())


def test_prepare_encodes_up_to_max_categories_text_values():
    n = MAX_CATEGORIES
    frame = pd.DataFrame({"word": [f"w{i:02d}" for i in range(n)] * 2, "y": ["p", "n"] * n})
    data = prepare(frame, "y", positive="p")
    assert data.encoded == {"word": n}
    assert data.X.shape == (2 * n, n)
    assert data.feature_names[0] == "word=w00"
    np.testing.assert_array_equal(data.X.sum(axis=1), 1.0)


def test_prepare_refuses_text_with_too_many_values():
    n = MAX_CATEGORIES + 1
    frame = pd.DataFrame(
        {
            "x": np.arange(2 * n, dtype=float),
            "name": [f"id{i}" for i in range(2 * n)],
            "y": ["p", "n"] * n,
        }
    )
    with pytest.raises(ValueError, match=rf"Column 'name' holds text with {2 * n} distinct"):
        prepare(frame, "y")
    assert prepare(frame, "y", features=["x"]).X.shape == (2 * n, 1)


MISSING = table("x,z,y\n1,5,a\n,6,b\n3,7,\n4,8,a\n5,9,b\n6,,a\n7,1,b\n")


def test_prepare_refuses_missing_values_by_default():
    with pytest.raises(
        ValueError,
        match=r"3 row\(s\) have missing values \(in y \(1\), x "
        r"\(1\), z \(1\)\)",
    ):
        prepare(MISSING, "y")


def test_prepare_drops_rows_with_missing_values_on_request():
    data = prepare(MISSING, "y", missing="drop", positive="a")
    assert data.dropped_rows == 3
    np.testing.assert_array_equal(data.X, [[1, 5], [4, 8], [5, 9], [7, 1]])
    np.testing.assert_array_equal(data.y, [1, 1, 0, 0])
    # Only the chosen columns count: without z, just two rows go.
    data = prepare(MISSING, "y", missing="drop", positive="a", features=["x"])
    assert data.dropped_rows == 2
    assert len(data.y) == 5


def test_prepare_refuses_when_every_row_has_a_missing_value():
    frame = pd.DataFrame(
        {"x": [np.nan, 1.0, np.nan], "z": [1.0, np.nan, 2.0], "y": ["a", "b", "a"]}
    )
    with pytest.raises(ValueError, match="Every row has a missing value"):
        prepare(frame, "y", missing="drop")


def test_prepare_refuses_a_single_class_target():
    frame = table("x,y\n1,a\n2,a\n3,a\n")
    with pytest.raises(ValueError, match=r"single class \('a'\)"):
        prepare(frame, "y")
    # Also when dropping missing rows leaves a single class.
    frame = table("x,y\n1,a\n2,a\n,b\n4,a\n")
    with pytest.raises(ValueError, match="single class"):
        prepare(frame, "y", missing="drop")


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"target": "nope"}, "There is no column 'nope'"),
        ({"positive": "d"}, r"'d' is not a value of 'y'"),
        ({"features": ["x", "size"]}, "Unknown feature columns: size"),
        ({"features": ["x", "y"]}, "The target 'y' cannot also be a feature"),
        ({"features": []}, "Choose at least one feature column"),
        ({"missing": "fill"}, "`missing` must be one of 'refuse', 'drop'"),
    ],
)
def test_prepare_refuses_bad_arguments(kwargs, match):
    args = {"target": "y", **kwargs}
    with pytest.raises(ValueError, match=match):
        prepare(MIXED, **args)


def test_prepare_refuses_infinite_values():
    frame = table("x,z,y\ninf,1,a\n2,2,b\n3,3,a\n4,4,b\n")
    assert np.isinf(frame["x"].iloc[0])
    with pytest.raises(ValueError, match="infinite"):
        prepare(frame, "y")
    assert prepare(frame, "y", features=["z"]).X.shape == (4, 1)


@pytest.mark.parametrize(
    "text, positive, cls",
    [
        ("x,y\n1,a\n2,b\n3,b\n4,c\n", "c", 1),  # one row of the positive class
        ("x,y\n1,a\n2,a\n3,a\n4,b\n", "a", 0),  # one row of the rest
    ],
)
def test_prepare_refuses_a_class_with_a_single_row(text, positive, cls):
    with pytest.raises(ValueError, match=f"Class {cls} has only 1 row"):
        prepare(table(text), "y", positive=positive)


def test_prepare_does_not_modify_the_frame():
    before = MIXED.copy()
    prepare(MIXED, "y", positive="b")
    pd.testing.assert_frame_equal(MIXED, before)


def test_read_csv_and_prepare_end_to_end():
    text = "age;smoker;outcome\n" + "".join(
        f"{20 + i};{'yes' if i % 3 == 0 else 'no'};{'sick' if i % 5 == 0 else 'well'}\n"
        for i in range(30)
    )
    frame = read_csv(text.encode("latin-1"), filename="patients.csv")
    assert class_counts(frame, "outcome").to_dict() == {"well": 24, "sick": 6}
    data = prepare(frame, "outcome")
    assert data.positive == "sick"
    assert data.feature_names == ["age", "smoker=no", "smoker=yes"]
    assert int(data.y.sum()) == 6
    np.testing.assert_array_equal(data.X[:, 2], [float(i % 3 == 0) for i in range(30)])


def test_prepare_refuses_duplicate_features():
    with pytest.raises(ValueError, match="listed twice: x"):
        prepare(MIXED, "y", positive="a", features=["x", "x"])


def test_prepare_refuses_a_continuous_target():
    frame = pd.DataFrame({"x": np.arange(200.0), "y": np.linspace(0.0, 1.0, 200)})
    with pytest.raises(ValueError, match="200 distinct values; that looks like a measured"):
        prepare(frame, "y")
    assert prepare(frame.assign(y=(frame["y"] > 0.9).astype(int)), "y").y.sum() == 20


def test_a_delimiter_at_the_end_of_every_row_does_not_shift_the_columns():
    frame = read_csv(b"a,b,y\n1,2,0,\n3,4,1,\n5,6,0,\n")
    assert list(frame.columns) == ["a", "b", "y"]
    assert frame["y"].tolist() == [0, 1, 0] and frame["a"].tolist() == [1, 3, 5]


def test_semicolon_files_with_decimal_commas_are_numbers():
    frame = read_csv(b"a;b;y\n1,5;-2,25;x\n3,1;4;z\n")
    assert frame["a"].tolist() == [1.5, 3.1] and frame["b"].tolist() == [-2.25, 4.0]
    dots = read_csv(b"a;b;y\n1.5;2;x\n3;4;z\n")
    assert dots["a"].tolist() == [1.5, 3.0]


def test_utf16_text_export_is_read():
    frame = read_csv("a,b,y\n1,2,0\n3,4,1\n".encode("utf-16"))
    assert frame.shape == (2, 3) and frame["y"].tolist() == [0, 1]


def test_too_many_columns_are_refused_from_the_header():
    header = ",".join(f"c{i}" for i in range(MAX_COLUMNS + 1)).encode()
    with pytest.raises(ValueError, match="columns; the limit is"):
        read_csv(header + b"\n" + b",".join([b"1"] * (MAX_COLUMNS + 1)) + b"\n")


def test_class_counts_refuses_an_identifier_as_target():
    frame = pd.DataFrame({"x": np.arange(100), "id": [f"u{i}" for i in range(100)]})
    with pytest.raises(ValueError, match="100 distinct values"):
        class_counts(frame, "id")


# ---------------------------------------------------------------- every upload refusal
GOOD = pd.DataFrame(
    {"a": [1.0, 2.0, 3.0, 4.0], "t": ["x", "y", "z", "w"], "y": ["no", "yes", "no", "yes"]}
)
MANY_CLASSES = pd.DataFrame({"a": range(60), "y": range(60)})
ONE_MISSING = pd.DataFrame({"a": [1.0, np.nan, 3.0, 4.0], "y": ["no", "yes", "no", "yes"]})
ALL_MISSING = pd.DataFrame({"a": [np.nan] * 4, "y": ["no", "yes", "no", "yes"]})
ONE_CLASS = pd.DataFrame({"a": [1.0, 2.0], "y": ["no", "no"]})
TINY = pd.DataFrame({"a": [1.0, 2.0, 3.0], "y": ["no", "no", "yes"]})
TEXT = pd.DataFrame({"a": range(30), "t": [f"v{i}" for i in range(30)], "y": ["no", "yes"] * 15})
INFINITE = pd.DataFrame({"a": [1.0, np.inf, 3.0, 4.0], "y": ["no", "yes", "no", "yes"]})

UPLOAD_CASES: dict[str, Callable[[], Any]] = {
    "not_bytes": lambda: upload.read_csv("a,b\n1,2\n"),  # type: ignore[arg-type]
    "too_large": lambda: upload.read_csv(b"a,b\n1,2\n", max_bytes=4),
    "not_csv_name": lambda: upload.read_csv(b"a,b\n1,2\n", filename="data.xlsx"),
    "empty": lambda: upload.read_csv(b"  \n"),
    "binary": lambda: upload.read_csv(b"PK\x03\x04" + bytes(range(256))),
    "too_many_columns": lambda: upload.read_csv(
        (",".join(f"c{i}" for i in range(upload.MAX_COLUMNS + 1)) + "\n").encode()
    ),
    "unparseable": lambda: upload.read_csv(b"a,b\n1,2\n1,2,3\n"),
    "too_many_rows": lambda: upload.read_csv(b"a,y\n1,0\n2,1\n3,0\n", max_rows=2),
    "one_column": lambda: upload.read_csv(b"a\n1\n2\n"),
    "no_rows": lambda: upload.read_csv(b"a,y\n"),
    "unnamed_column": lambda: upload.read_csv(b"a,,y\n1,2,0\n3,4,1\n"),
    "duplicate_columns": lambda: upload.read_csv(b"a,a,y\n1,2,0\n3,4,1\n"),
    "too_many_classes": lambda: upload.class_counts(MANY_CLASSES, "y"),
    "no_such_column": lambda: upload.class_counts(GOOD, "nope"),
    "unknown_features": lambda: upload.prepare(GOOD, "y", features=["nope"]),
    "target_is_feature": lambda: upload.prepare(GOOD, "y", features=["y"]),
    "repeated_features": lambda: upload.prepare(GOOD, "y", features=["a", "a"]),
    "no_features": lambda: upload.prepare(GOOD, "y", features=[]),
    "missing": lambda: upload.prepare(ONE_MISSING, "y"),
    "all_missing": lambda: upload.prepare(ALL_MISSING, "y", missing="drop"),
    "single_class": lambda: upload.prepare(ONE_CLASS, "y"),
    "no_such_value": lambda: upload.prepare(GOOD, "y", positive="maybe"),
    "tiny_class": lambda: upload.prepare(TINY, "y"),
    "too_many_categories": lambda: upload.prepare(TEXT, "y"),
    "infinite": lambda: upload.prepare(INFINITE, "y"),
}


@pytest.mark.parametrize("case", UPLOAD_CASES)
def test_every_upload_refusal_is_translated(case):
    err = _error(UPLOAD_CASES[case])
    assert err.message.key == f"error.upload.{case}"
    _assert_translated(err)


def test_a_damaged_utf16_file_is_refused_in_every_language():
    # Excel's "Unicode text" starts with a byte-order mark; a cut-off one cannot decode
    err = _error(lambda: upload.read_csv(b"\xff\xfea\x00b", filename="data.csv"))
    assert err.message.key == "error.upload.unparseable" and "UTF-16" in str(err)
    _assert_translated(err)


def test_the_cases_cover_every_upload_message():
    keys = {
        k.removeprefix("error.upload.") for k in catalogue("en") if k.startswith("error.upload.")
    }
    assert keys == set(UPLOAD_CASES)
