"""What the benchmarks need: database arguments, a fresh database with our
addons installed, its registry, and dropping it again."""

import argparse
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def argument_parser(description):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--db-host", default=os.environ.get("PGHOST", "127.0.0.1"))
    parser.add_argument("--db-port", default=os.environ.get("PGPORT", "5432"))
    parser.add_argument("--db-user", default=os.environ.get("PGUSER", ""))
    parser.add_argument("--db-password", default=os.environ.get("PGPASSWORD", ""))
    parser.add_argument("--keep-db", action="store_true", help="do not drop the database")
    return parser


def check_odoo():
    import odoo.release  # noqa: PLC0415

    if odoo.release.version_info[0] != 18:
        sys.exit(f"Odoo 18.0 is required, found {odoo.release.version}.")


def odoo_addons_path():
    import odoo.release  # noqa: PLC0415

    odoo_pkg = Path(odoo.release.__file__).resolve().parent
    core = [
        str(path)
        for path in (odoo_pkg / "addons", odoo_pkg.parent / "addons")
        if (path / "web" / "__manifest__.py").is_file()
    ]
    return ",".join([str(REPO / "addons"), *core])


def db_options(args):
    options = ["--db_host", args.db_host, "--db_port", str(args.db_port)]
    if args.db_user:
        options += ["--db_user", args.db_user]
    if args.db_password:
        options += ["--db_password", args.db_password]
    return options


def install(args, dbname, data_dir, modules):
    """Create ``dbname`` with ``modules`` installed (no demo data)."""
    print(f"== installing {modules} on {dbname}", flush=True)
    started = time.monotonic()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "odoo",
            "-d",
            dbname,
            "-i",
            modules,
            "--without-demo=all",
            "--stop-after-init",
            "--no-http",
            "--log-level=warn",
            f"--addons-path={odoo_addons_path()}",
            f"--data-dir={data_dir}",
            *db_options(args),
        ],
        check=True,
        cwd=REPO,
    )
    print(f"   installed in {time.monotonic() - started:.0f}s", flush=True)


def open_registry(args, dbname, data_dir):
    import odoo  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415

    config.parse_config(
        [
            f"--addons-path={odoo_addons_path()}",
            f"--data-dir={data_dir}",
            "--log-level=warn",
            *db_options(args),
        ]
    )
    odoo.netsvc.init_logger()
    return Registry(dbname)


def drop_database(args, dbname):
    import psycopg2  # noqa: PLC0415

    import odoo.sql_db  # noqa: PLC0415

    odoo.sql_db.close_db(dbname)
    params = {"dbname": "postgres", "host": args.db_host, "port": args.db_port}
    if args.db_user:
        params["user"] = args.db_user
    if args.db_password:
        params["password"] = args.db_password
    conn = psycopg2.connect(**params)
    conn.autocommit = True
    try:
        with conn.cursor() as cr:
            cr.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
    finally:
        conn.close()
    print(f"== dropped {dbname}")


@contextlib.contextmanager
def bench_database(args, prefix, modules):
    """A throw-away database named after ``prefix`` with ``modules`` installed.

    Yields its registry; afterwards the database is dropped (unless ``--keep-db``)
    with its data directory.
    """
    import odoo.sql_db  # noqa: PLC0415

    dbname = f"{prefix}_{time.strftime('%Y%m%d_%H%M%S')}_{os.getpid()}"
    data_dir = tempfile.mkdtemp(prefix="odoo-bench-")
    try:
        install(args, dbname, data_dir, modules)
        yield open_registry(args, dbname, data_dir)
    finally:
        odoo.sql_db.close_all()
        if args.keep_db:
            print(f"kept database {dbname}")
        else:
            drop_database(args, dbname)
        shutil.rmtree(data_dir, ignore_errors=True)
