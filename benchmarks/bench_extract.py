"""Extraction throughput in characters per second, over at least 5 MB of report text.

The text is the test corpus (the .txt reports of tests/corpus/seed and tests/corpus/dev, in
reading form) repeated until it passes the target size. Three figures are printed:

- ``extract_mentions`` called once per report, the way ``read_text`` calls it (the headline figure);
- ``extract_mentions`` called once on the whole text, which shows that cost stays linear in length;
- ``read_text`` per report (normalization, segmentation and extraction together), for context.

Run: ``.venv/bin/python benchmarks/bench_extract.py [--mb 5] [--profile]``.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govmetrics.extract import extract_mentions  # noqa: E402
from govmetrics.ingest import read_document  # noqa: E402
from govmetrics.reading import read_text  # noqa: E402
from govmetrics.textnorm import normalize  # noqa: E402


CORPORA = ("seed", "dev")


def corpus_reports() -> list[str]:
    """Published texts of the seed and dev corpus files, decoded the way ingestion decodes them."""
    texts = []
    for corpus in CORPORA:
        for path in sorted((ROOT / "tests" / "corpus" / corpus).glob("*.txt")):
            texts.append(read_document(path).text)
    if not texts:
        raise SystemExit("no corpus texts under tests/corpus")
    return texts


def repeated(reports: list[str], target_chars: int) -> list[str]:
    out: list[str] = []
    total = 0
    while total < target_chars:
        for text in reports:
            out.append(text)
            total += len(text)
    return out


def timed(label: str, chars: int, fn) -> float:
    t0 = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - t0
    rate = chars / seconds
    print(f"{label:<44} {chars / 1e6:6.2f} M chars  {seconds:7.3f} s  {rate:12,.0f} chars/s  ({result} mentions)")
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=5.0, help="megabytes (millions of characters) of text")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of the per-report run")
    args = parser.parse_args()

    published = corpus_reports()
    reading = [normalize(text).text for text in published]
    docs = repeated(reading, int(args.mb * 1_000_000))
    chars = sum(len(t) for t in docs)
    whole = "\n\n".join(docs)
    published_docs = repeated(published, int(args.mb * 1_000_000))
    published_chars = sum(len(t) for t in published_docs)

    extract_mentions(reading[0])  # warm up compiled patterns and caches

    def per_report() -> int:
        return sum(len(extract_mentions(t, report_year=2022)) for t in docs)

    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        per_report()
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)

    print(f"corpus: {len(published)} reports, repeated to {len(docs)} reports")
    timed("extract_mentions, one call per report", chars, per_report)
    timed("extract_mentions, one call on all text", len(whole),
          lambda: len(extract_mentions(whole, report_year=2022)))
    timed("read_text (normalize+segment+extract)", published_chars,
          lambda: sum(len(read_text(t, report_year=2022)[1]) for t in published_docs))


if __name__ == "__main__":
    main()
