"""Type stubs of the Rust extension module (src/lib.rs)."""

import datetime
from typing import Any, Iterable, Mapping, TypedDict, Union

EXTRACTOR_VERSION: int

class ExtractError(Exception):
    """A document could not be read or extracted; ``doc`` names it."""

    doc: str

class Party(TypedDict):
    text: str
    start: int
    end: int
    id: str | None

# A record is one line of `isnad extract --jsonl` (shared/spec/claims.md §5), parsed.
# "doc" is present when the document was named. Quantity records have type "quantity"
# (start, end, text, min, max, qualifier, kind, counted, unit, speaker, cue, stance and,
# when relayed, source); date records have type "date" (start, end, text, date and,
# when the year is unresolved, month and day).
Record = dict[str, Any]

Published = Union[str, datetime.date, None]
Document = Union[str, tuple[str, str], Mapping[str, Any]]

def extract(
    text: str,
    published: Published = None,
    lang: str | None = None,
    doc: str | None = None,
) -> list[Record]: ...
def extract_many(
    docs: Iterable[Document],
    threads: int | None = None,
    published: Published = None,
) -> list[list[Record]]: ...
def extract_arrow(batch: Any, threads: int | None = None) -> tuple[Any, Any]: ...
def claims_schema_batch() -> tuple[Any, Any]: ...
def read_documents(name: str, data: bytes) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]: ...
