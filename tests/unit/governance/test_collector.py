from __future__ import annotations

import gc

import pytest

from collabrel import examples
from collabrel.governance import analyze, analyze_portfolio, escalation_betweenness
from collabrel.governance._backend import collector_paused


class TestCollectorPaused:
    def test_the_collector_is_off_inside_and_on_again_after(self):
        """The analyses run with the cyclic collector off and turn it back on."""
        assert gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert gc.isenabled()

    def test_a_collector_the_caller_turned_off_stays_off(self):
        """A collector already off is left off, also by an inner pause."""
        gc.disable()
        try:
            with collector_paused():
                assert not gc.isenabled()
            assert not gc.isenabled()
        finally:
            gc.enable()

    def test_an_error_inside_turns_it_back_on(self):
        """An exception inside the pause still restores the collector."""
        with pytest.raises(ValueError, match="boom"), collector_paused():
            raise ValueError("boom")
        assert gc.isenabled()

    def test_analyses_leave_the_collector_on(self):
        """analyze, escalation_betweenness and analyze_portfolio restore the collector."""
        rel = examples.load("alliance").relationship
        analyze(rel)
        escalation_betweenness(rel)
        analyze_portfolio([rel])
        assert gc.isenabled()
