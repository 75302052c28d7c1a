"""The embedding re-rank works with the network unreachable, and never tries a download."""

from __future__ import annotations

import socket
import warnings
from pathlib import Path

import pytest

from collabrel.evidence import Passage, PassageLocation, _index
from collabrel.evidence._index import EvidenceIndex
from collabrel.evidence._suggest import suggest

wordllama = pytest.importorskip("wordllama")


class NetworkTouchedError(AssertionError):
    """Something tried to reach the network."""


def _refuse(*args: object, **kwargs: object) -> None:
    raise NetworkTouchedError(f"network access attempted: {args!r} {kwargs!r}")


@pytest.fixture(autouse=True)
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """No connection can be made, and the model is loaded afresh (not from an earlier test)."""
    monkeypatch.setattr(socket.socket, "connect", _refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", _refuse)
    monkeypatch.setattr(socket, "create_connection", _refuse)
    monkeypatch.setattr(socket, "getaddrinfo", _refuse)
    _index._embedder.cache_clear()


def _passages() -> list[Passage]:
    texts = [
        "The exit strategy names the conditions under which either party may withdraw.",
        "Our canteen is open from eight until four on weekdays.",
        "The alliance board approved the business case and the decision to proceed.",
    ]
    return [
        Passage(document="doc", source="doc.md", text=t, location=PassageLocation(paragraph=i))
        for i, t in enumerate(texts, start=1)
    ]


class TestOffline:
    """Every test runs with sockets refused (the autouse fixture `offline`)."""

    def test_the_refusal_is_in_force(self) -> None:
        """The fixture does block a connection (so the tests below prove something)."""
        with pytest.raises(NetworkTouchedError):
            socket.create_connection(("example.org", 443), timeout=1)

    def test_embed_ranker_loads_and_ranks_offline(self) -> None:
        """The bundled model loads and ranks with the network unreachable."""
        index = EvidenceIndex(_passages(), ranker="bm25+embed")
        hits = index.search("when may a partner leave the relationship", k=3)
        assert len(hits) == 3
        assert all(h.similarity is not None for h in hits)
        assert hits[0].passage.location.paragraph == 1

    def test_suggest_offline(self) -> None:
        """suggest with the embedding re-rank runs offline over the whole catalogue."""
        found = suggest("iso44001", _passages(), ranker="bm25+embed", top_k=1)
        assert found["CBR.S2.BUSINESS_CASE"][0].passage.location.paragraph == 3

    def test_tokenizer_found_in_the_package(self) -> None:
        """Regression: wordllama 0.4 looks for its tokenizer in tokenizer/, ships it in
        tokenizers/, and then falls back to the hub (with a warning); ours finds it offline."""
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            model = _index._embedder()
        assert model.embed(["exit plan"]).shape == (1, 256)
        shipped = Path(wordllama.__file__).parent / "tokenizers"
        assert any(shipped.glob("*tokenizer_config.json"))

    def test_missing_model_is_an_error_not_a_download(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """With the model's files absent, loading fails with ImportError; nothing is fetched."""
        monkeypatch.setattr(_index, "_MODEL", "l3_supercat")
        with pytest.raises(ImportError, match="not in the installed package"):
            _index._embedder()
        _index._embedder.cache_clear()
