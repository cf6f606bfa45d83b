"""lib.viz (the package): it exports what it lists."""

import lib.viz as viz


def test_the_package_exports_what_it_lists():
    missing = [name for name in viz.__all__ if not hasattr(viz, name)]
    assert not missing
