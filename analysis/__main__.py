"""Command line: ``python -m analysis report --corpus DIR --out DIR``."""
from __future__ import annotations

import argparse
import sys

from .report import ReportError, run_reports


def _pair(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got '{text}'")
    return name.strip(), value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis", description="Arabic news analysis toolkit.")
    commands = parser.add_subparsers(dest="command", required=True)
    report = commands.add_parser("report", help="run every notebook on a corpus and write HTML reports")
    report.add_argument("--corpus", required=True, help="folder of .txt articles, a .txt file or a table")
    report.add_argument("--out", required=True, help="folder for the executed notebooks and HTML pages")
    report.add_argument("--run-date", help="date recorded in the reports (YYYY-MM-DD; default today)")
    report.add_argument("--only", nargs="+", metavar="NAME", help="run only these notebooks (e.g. 01)")
    report.add_argument("--with-code", action="store_true", help="include the code in the HTML pages")
    report.add_argument("-p", "--parameter", action="append", type=_pair, default=[], metavar="NAME=VALUE",
                        help="notebook parameter (repeatable); lists and numbers as JSON")
    args = parser.parse_args(argv)
    try:
        results = run_reports(args.corpus, args.out, only=args.only, parameters=dict(args.parameter),
                              run_date=args.run_date, with_code=args.with_code)
    except ReportError as err:
        parser.exit(2, f"error: {err}\n")
    for row in results.itertuples():
        print(f"{row.status:6} {row.notebook}" + (f"  ({row.error})" if row.error else ""))
    print(f"index: {results.attrs['index'].resolve()}")
    return 1 if (results["status"] != "ok").any() else 0


if __name__ == "__main__":
    sys.exit(main())
