"""The page experiments: studies that compose lib functions into what one page shows.

Each module holds one study (or one page's numbers) and returns plain
dataclasses the page lays out; figure builders live in ``lib.viz``.
"""
