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
# when relayed, source; projection: true when the figure is what it may reach, omitted
# otherwise; then the frame's fields); date records have type "date" (start, end, text, date and,
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

# The ledger in pieces (isnad.spark_ledger): every step is the binary's own code. A
# payload is one document as `isnad ingest` stores it (claims, their sentences, date
# mentions, event profile, content hash), as JSON.
def ledger_docs_arrow(files: Any, threads: int | None = None) -> tuple[tuple[Any, Any], list[tuple[str, str]]]:
    """A batch of files (`name`, `content`) in; (capsules of one row per document:
    doc, file, pos, day, lang, claims, terms, places, payload) and the documents that
    failed, as (doc, reason)."""
def ledger_docs_schema_batch() -> tuple[Any, Any]: ...
def claims_of_payloads(payloads: list[str]) -> tuple[Any, Any]:
    """Capsules of the claims rows (`isnad claims --format parquet`) of these documents."""
def cluster_events(
    payloads: list[str], df: dict[str, int] | None = None, n_docs: int = 0
) -> list[tuple[int, float, list[str]]]:
    """Each document's event in the block (numbered from 0), score and reasons, assigned
    in ingest's order from term counts over the documents before the block."""
def ledger_of_events(payloads: list[str], events: list[str], reasons: list[list[str]]) -> str:
    """The ledger (`isnad report --json`'s model, as JSON) of documents whose events are given."""
def ledger_lang(langs: list[str | None]) -> str: ...
