"""isnad for Python: every quantitative claim in news reports, with who said it.

The functions call the same Rust library as the ``isnad`` binary, so a record here is
exactly a line of ``isnad extract --jsonl`` (parsed): with a ``doc`` field when the
document is given a name, without one otherwise.

    >>> import isnad
    >>> isnad.extract("قال المرصد إن نحو 300 شخص غادروا المدينة", doc="a.txt")[0]["min"]
    300
"""

from __future__ import annotations

from typing import Any, Iterable

from . import _isnad
from ._isnad import EXTRACTOR_VERSION, ExtractError, extract, extract_many, read_documents

__all__ = [
    "EXTRACTOR_VERSION",
    "ExtractError",
    "extract",
    "extract_many",
    "extract_arrow",
    "claims_schema",
    "read_documents",
    "CLAIM_COLUMNS",
]

#: The columns of a claims batch, as ``isnad claims --format parquet`` writes them.
CLAIM_COLUMNS = (
    "start", "end", "min", "max", "doc", "title", "outlet", "url", "published", "text",
    "qualifier", "kind", "counted", "unit", "speaker", "speaker_id", "cue", "stance", "source",
    "class", "action", "place", "event_date", "toll", "rate", "with_families", "cumulative", "projection",
)


class _Capsules:
    """Holds a (schema, array) capsule pair for pyarrow's import (Arrow PyCapsule interface)."""

    def __init__(self, pair: tuple[Any, Any]):
        self._pair = pair

    def __arrow_c_array__(self, requested_schema: Any = None) -> tuple[Any, Any]:
        return self._pair


def _to_pyarrow(pair: tuple[Any, Any]) -> Any:
    import pyarrow as pa

    return pa.record_batch(_Capsules(pair))


def extract_arrow(batch: Any, threads: int | None = None) -> Any:
    """Claims of a ``pyarrow.RecordBatch`` of documents, as a ``pyarrow.RecordBatch``.

    The documents batch needs a ``text`` column; ``doc`` (else ``url``) names each
    document, and ``title``, ``outlet``, ``url``, ``published`` are carried into the
    claims; ``published`` (else ``fetched``) resolves implicit years. A ``pyarrow.Table``
    is accepted too (its batches are combined). The output has the columns of
    ``isnad claims --format parquet`` (:data:`CLAIM_COLUMNS`), one row per quantity
    claim, documents in input order, claims in document order.
    """
    if hasattr(batch, "combine_chunks") and hasattr(batch, "to_batches"):
        batch = batch.combine_chunks().to_batches()
        if not batch:
            return _empty_claims()
        if len(batch) != 1:
            raise ValueError("a table that does not combine into one batch")
        batch = batch[0]
    return _to_pyarrow(_isnad.extract_arrow(batch, threads))


def _empty_claims() -> Any:
    return _to_pyarrow(_isnad.claims_schema_batch())


def claims_schema() -> Any:
    """The ``pyarrow.Schema`` of a claims batch."""
    return _empty_claims().schema
