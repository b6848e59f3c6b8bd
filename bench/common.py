"""What every bench measurement shares: the row the harness prints
(operation, ours, baseline measured in the same run, ratio, peak RSS, target,
met), a median timer and the dates the demo is generated for."""

from __future__ import annotations

import datetime as dt
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TODAY = dt.date(2026, 11, 23)


def peak_rss_mb() -> float:
    """This process's peak resident memory so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def times_ms(fn, runs: int = 5) -> list[float]:
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return out


def median_ms(fn, runs: int = 5) -> float:
    return statistics.median(times_ms(fn, runs))


def row(operation: str, ours: float, baseline: float | None, unit: str, target: str, met: bool | None,
        peak: float | None = None) -> dict:
    """One line of the table; ``ratio`` is ours / baseline (lower is better for us)."""
    return {"operation": operation, "ours": round(ours, 3), "baseline": None if baseline is None
            else round(baseline, 3), "unit": unit,
            "ratio": round(ours / baseline, 2) if baseline else None,
            "peak_rss_mb": round(peak if peak is not None else peak_rss_mb(), 1),
            "target": target, "met": met}
