#!/usr/bin/env python3
"""Install the addons on a fresh database and run all their tests.

This is the project's test command (see README.md). It

1. runs the repository-level checks in ``tests/`` with pytest;
2. creates a uniquely named PostgreSQL database;
3. installs our addons with demo data on real Odoo 18.0 and runs every test of
   theirs, at_install and post_install, HttpCase and browser tours included;
4. fails on any WARNING, ERROR or CRITICAL log line (this covers the warnings
   about our addons), on any skipped test of ours and on an addon without tests;
5. prints ``N passed, N failed`` as its last line and drops the database.

Odoo is not installed by this script: run it where ``import odoo`` gives
Odoo 18.0 (the official Docker image, or your own installation).
"""

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ADDONS_DIR = REPO / "addons"
BROWSERS = ("google-chrome", "chromium", "chromium-browser", "google-chrome-stable")

# 2026-11-23 21:00:00,123 4242 INFO dbname odoo.modules.loading: message
LOG_LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ "
    r"(?P<level>DEBUG|INFO|WARNING|ERROR|CRITICAL) \S+ (?P<logger>[\w.]+): (?P<message>.*)$"
)
TEST_EVENT = re.compile(r"^(?P<event>Starting|skipped|FAIL:|ERROR:) (?P<test>(?:Subtest )?[\w.]+)")


def our_addons():
    return sorted(p.name for p in ADDONS_DIR.iterdir() if (p / "__manifest__.py").is_file())


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db-host", default=os.environ.get("PGHOST", "127.0.0.1"))
    parser.add_argument("--db-port", default=os.environ.get("PGPORT", "5432"))
    parser.add_argument("--db-user", default=os.environ.get("PGUSER", ""))
    parser.add_argument("--db-password", default=os.environ.get("PGPASSWORD", ""))
    parser.add_argument(
        "--addons",
        default=",".join(our_addons()),
        help="comma-separated addons to install and test (default: all of ours)",
    )
    parser.add_argument(
        "--keep-db", action="store_true", help="keep the database (for pytest-odoo)"
    )
    parser.add_argument("--log-file", help="also write Odoo's full log to this file")
    parser.add_argument(
        "--skip-repo-checks", action="store_true", help="do not run pytest on tests/"
    )
    return parser.parse_args()


def check_odoo():
    try:
        import odoo.release  # noqa: PLC0415
    except ImportError:
        sys.exit(
            "odoo is not importable from this Python: run the tests in the Docker set-up "
            "(docker compose run --rm tests) or with your own Odoo 18.0 on the path."
        )
    if odoo.release.version_info[0] != 18:
        sys.exit(f"Odoo 18.0 is required, found {odoo.release.version}.")
    odoo_pkg = Path(odoo.release.__file__).resolve().parent
    candidates = [odoo_pkg / "addons", odoo_pkg.parent / "addons"]
    core_paths = [str(p) for p in candidates if (p / "web" / "__manifest__.py").is_file()]
    if not core_paths:
        sys.exit(f"Could not find Odoo's addons next to {odoo_pkg}.")
    return [str(ADDONS_DIR), *core_paths]


def check_browser():
    found = [b for b in BROWSERS if shutil.which(b)]
    if not found:
        sys.exit(
            "No Chrome or Chromium browser found (tried {}): Odoo would skip the tour "
            "tests. Install Debian's 'chromium' package.".format(", ".join(BROWSERS))
        )
    return found[0]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pg_connect(args, dbname="postgres"):
    import psycopg2  # noqa: PLC0415

    params = {"dbname": dbname, "host": args.db_host, "port": args.db_port}
    if args.db_user:
        params["user"] = args.db_user
    if args.db_password:
        params["password"] = args.db_password
    conn = psycopg2.connect(**params)
    conn.autocommit = True
    return conn


def drop_database(args, dbname):
    conn = pg_connect(args)
    try:
        with conn.cursor() as cr:
            cr.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
    finally:
        conn.close()


def run_repo_checks():
    """Run pytest on the repository-level tests; return (passed, failed)."""
    print("== repository checks (pytest tests/)", flush=True)
    proc = subprocess.run(
        # pytest-odoo ("odoo" plugin) is for addon tests on an installed database
        [sys.executable, "-m", "pytest", "-q", "-p", "no:odoo", str(REPO / "tests")],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    print(proc.stdout, flush=True)
    counts = {
        word: int(num)
        for num, word in re.findall(r"(\d+) (passed|failed|errors?|skipped)", proc.stdout)
    }
    passed = counts.get("passed", 0)
    failed = counts.get("failed", 0) + counts.get("error", 0) + counts.get("errors", 0)
    if counts.get("skipped"):
        failed += counts["skipped"]
        print(f"!! {counts['skipped']} repository check(s) skipped", flush=True)
    if proc.returncode != 0 and not failed:
        failed = 1
    return passed, failed


class OdooLogVerdict:
    """Reads Odoo's log line by line and keeps what decides the run."""

    def __init__(self, addons):
        self.addons = addons
        self.started = {}  # test id -> addon
        self.failed = set()
        self.skipped = set()
        self.problems = []

    def _test_addon(self, logger):
        match = re.match(r"odoo\.addons\.(\w+)\.tests\b", logger)
        return match and match.group(1) in self.addons and match.group(1)

    def feed(self, line):
        match = LOG_LINE.match(line)
        if not match:
            return
        level, logger, message = match.group("level", "logger", "message")
        addon = self._test_addon(logger)
        event = TEST_EVENT.match(message)
        if addon and event:
            test = event.group("test").removeprefix("Subtest ").split(" ")[0]
            test_id = f"{addon}:{test}"
            kind = event.group("event")
            if kind == "Starting":
                self.started[test_id] = addon
            elif kind == "skipped":
                self.skipped.add(test_id)
            else:
                self.failed.add(test_id)
        # Any warning fails the run: a warning about our addons does not always
        # name them (e.g. "Rule <our model> has no group"), and a clean install
        # of the three addons logs none at all.
        if level in ("WARNING", "ERROR", "CRITICAL"):
            self.problems.append(line)

    def summary(self):
        per_addon = Counter(self.started.values())
        failed = len(self.failed)
        passed = len(set(self.started) - self.failed - self.skipped)
        return per_addon, passed, failed


def run_odoo_tests(args, addons_path, addons):
    dbname = f"b2bportal_test_{time.strftime('%Y%m%d_%H%M%S')}_{os.getpid()}"
    data_dir = tempfile.mkdtemp(prefix="odoo-data-")
    command = [
        sys.executable,
        "-m",
        "odoo",
        "--database",
        dbname,
        "--db_host",
        args.db_host,
        "--db_port",
        str(args.db_port),
        "--addons-path",
        ",".join(addons_path),
        "--data-dir",
        data_dir,
        "--init",
        ",".join(addons),
        "--test-enable",
        "--test-tags",
        ",".join(f"/{a}" for a in addons),
        "--http-port",
        str(free_port()),
        "--workers",
        "0",
        "--max-cron-threads",
        "0",
        "--log-level",
        "info",
        "--stop-after-init",
        "--no-database-list",
    ]
    if args.db_user:
        command += ["--db_user", args.db_user]
    if args.db_password:
        command += ["--db_password", args.db_password]
    print(f"== installing {', '.join(addons)} on database {dbname} and running tests", flush=True)
    verdict = OdooLogVerdict(addons)
    log_file = open(args.log_file, "w", encoding="utf-8") if args.log_file else None  # noqa: SIM115
    started_at = time.monotonic()
    returncode = 1
    try:
        with subprocess.Popen(
            command,
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
            bufsize=1,
        ) as proc:
            for line in proc.stdout:
                sys.stdout.write(line)
                if log_file:
                    log_file.write(line)
                verdict.feed(line.rstrip("\n"))
            returncode = proc.wait()
    finally:
        if log_file:
            log_file.close()
        if args.keep_db:
            print(f"== keeping database {dbname}", flush=True)
        else:
            drop_database(args, dbname)
        shutil.rmtree(data_dir, ignore_errors=True)
    print(f"== Odoo finished in {time.monotonic() - started_at:.0f}s, exit code {returncode}")
    return verdict, returncode


def main():
    args = parse_args()
    addons = [a.strip() for a in args.addons.split(",") if a.strip()]
    addons_path = check_odoo()
    browser = check_browser()
    print(f"== browser for tours: {browser}", flush=True)

    passed = failed = 0
    reasons = []
    if not args.skip_repo_checks:
        repo_passed, repo_failed = run_repo_checks()
        passed += repo_passed
        failed += repo_failed
        if repo_failed:
            reasons.append(f"{repo_failed} repository check(s) failed")

    verdict, returncode = run_odoo_tests(args, addons_path, addons)
    per_addon, odoo_passed, odoo_failed = verdict.summary()
    passed += odoo_passed
    failed += odoo_failed

    print("== tests run per addon: " + ", ".join(f"{a} {per_addon[a]}" for a in addons))
    if returncode:
        reasons.append(f"Odoo exited with code {returncode}")
    if verdict.failed:
        reasons.append("failed tests: " + ", ".join(sorted(verdict.failed)))
    if verdict.skipped:
        reasons.append("skipped tests: " + ", ".join(sorted(verdict.skipped)))
        failed += len(verdict.skipped)
    untested = [a for a in addons if not per_addon[a]]
    if untested:
        reasons.append("addons that ran no test: " + ", ".join(untested))
    if verdict.problems:
        reasons.append(f"{len(verdict.problems)} WARNING/ERROR/CRITICAL log line(s)")
        print("== log lines that fail the run:")
        for line in verdict.problems:
            print("   " + line)
    if reasons and not failed:
        failed = 1  # a broken run is never reported as all passed
    for reason in reasons:
        print(f"!! {reason}")
    print(f"{passed} passed, {failed} failed", flush=True)
    return 1 if reasons else 0


if __name__ == "__main__":
    sys.exit(main())
