#!/usr/bin/env python3
"""Benchmark the generation of orders from regular orders.

Creates a fresh database, installs route_orders (no demo data), seeds 200
regular orders (weekday and day-of-month recurrences, own and shared transport,
1→1, 1→N with goods sent to chosen stops and N→1), generates one month of
orders the way the scheduled action does (100 regular orders per batch), runs
"generate missing" again (nothing to create) and "regenerate all". Prints orders
per second, SQL queries per order (``odoo.sql_db.sql_counter``) and the peak
memory, then drops the database.

    python3 benchmarks/bench_regular_orders.py --db-host 127.0.0.1
"""

import argparse
import calendar
import os
import random
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CUSTOMERS = 40
SITES_PER_CUSTOMER = 3
BATCH = 100  # regular orders per run, as the scheduled action


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db-host", default=os.environ.get("PGHOST", "127.0.0.1"))
    parser.add_argument("--db-port", default=os.environ.get("PGPORT", "5432"))
    parser.add_argument("--db-user", default=os.environ.get("PGUSER", ""))
    parser.add_argument("--db-password", default=os.environ.get("PGPASSWORD", ""))
    parser.add_argument("--templates", type=int, default=200)
    parser.add_argument("--keep-db", action="store_true", help="do not drop the database")
    return parser.parse_args()


def odoo_addons_path():
    import odoo  # noqa: PLC0415

    odoo_pkg = Path(odoo.__file__).resolve().parent
    candidates = [odoo_pkg / "addons", odoo_pkg.parent / "addons"]
    core = [str(p) for p in candidates if (p / "web" / "__manifest__.py").is_file()]
    return ",".join([str(REPO / "addons"), *core])


def db_options(args):
    options = ["--db_host", args.db_host, "--db_port", str(args.db_port)]
    if args.db_user:
        options += ["--db_user", args.db_user]
    if args.db_password:
        options += ["--db_password", args.db_password]
    return options


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def install(args, dbname, addons_path, data_dir):
    command = [
        sys.executable,
        "-m",
        "odoo",
        "-d",
        dbname,
        *db_options(args),
        "-i",
        "route_orders",
        "--without-demo=all",
        "--stop-after-init",
        "--addons-path",
        addons_path,
        "--data-dir",
        data_dir,
        "--http-port",
        str(free_port()),
        "--log-level",
        "warn",
    ]
    started = time.monotonic()
    subprocess.run(command, cwd=REPO, check=True, stdout=subprocess.DEVNULL)
    print(f"installed route_orders on {dbname} in {time.monotonic() - started:.0f}s", flush=True)


def drop_database(args, dbname):
    import psycopg2  # noqa: PLC0415

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


def seed(env, count):
    """Create customers with sites, a shared route and ``count`` regular orders."""
    rng = random.Random(42)
    country = env.ref("base.fi")
    customers = env["res.partner"].create(
        [
            {"name": f"Bench Customer {n}", "is_company": True, "country_id": country.id}
            for n in range(CUSTOMERS)
        ]
    )
    sites = env["res.partner"].create(
        [
            {
                "name": f"Site {n}",
                "parent_id": customer.id,
                "type": "delivery",
                "street": f"Street {n}",
                "city": "Helsinki",
                "country_id": country.id,
            }
            for customer in customers
            for n in range(SITES_PER_CUSTOMER)
        ]
    )
    route = env["route.route"].create({"name": "Bench route", "code": "BENCH"})
    pallet = env.ref("route_orders.packaging_pallet")
    sites_by_customer = sites.grouped("parent_id")
    vals_list = []
    for n in range(count):
        customer = customers[n % CUSTOMERS]
        vals_list.append(
            _template_vals(n, customer, sites_by_customer[customer], route, pallet, rng)
        )
    templates = env["route.regular.order"].create(vals_list)
    _link_one_to_many_goods(templates)
    return templates


def _template_vals(n, customer, sites, route, pallet, rng):
    order_type = ("one_to_one", "one_to_one", "one_to_many", "many_to_one")[n % 4]
    kinds = {
        "one_to_one": ["collection", "delivery"],
        "one_to_many": ["collection", "delivery", "delivery"],
        "many_to_one": ["collection", "collection", "delivery"],
    }[order_type]
    stops = []
    for sequence, kind in enumerate(kinds, start=1):
        stop = {
            "kind": kind,
            "sequence": sequence,
            "partner_id": sites[sequence % len(sites)].id,
            "time_mode": "slot" if sequence == 1 else "asap",
            "time_from": 8.0,
            "time_to": 10.0,
            "tz": "Europe/Helsinki",
            "contact_name": f"Contact {n}-{sequence}",
        }
        if kind == "collection":
            stop["goods_ids"] = [
                (
                    0,
                    0,
                    {
                        "description": f"Goods {g}",
                        "packaging_type_id": pallet.id,
                        "quantity": rng.randint(1, 5),
                        "weight": rng.randint(50, 800),
                        "length": 120,
                        "width": 80,
                        "height": 100,
                    },
                )
                for g in range(2)
            ]
        stops.append((0, 0, stop))
    vals = {
        "name": f"Bench regular order {n}",
        "partner_id": customer.id,
        "route_order_type": order_type,
        "date_start": date(2020, 1, 1),
        "stop_ids": stops,
    }
    if n % 5 == 4:
        vals.update(recurrence_type="monthly", month_day=rng.randint(1, 31))
    else:
        weekdays = rng.sample(["mon", "tue", "wed", "thu", "fri"], k=rng.randint(1, 3))
        vals.update(dict.fromkeys(weekdays, True), interval_weeks=1 + (n % 7 == 0))
    if n % 3 == 0:
        vals.update(route_transport="shared", route_id=route.id)
    return vals


def _link_one_to_many_goods(templates):
    for template in templates.filtered(lambda t: t.route_order_type == "one_to_many"):
        collection = template.stop_ids.filtered(lambda s: s.kind == "collection")
        deliveries = template.stop_ids - collection
        for goods, delivery in zip(collection.goods_ids, deliveries, strict=False):
            goods.delivery_stop_id = delivery


def measure(env, label, run):
    import odoo.sql_db  # noqa: PLC0415

    env.invalidate_all()
    queries_before = odoo.sql_db.sql_counter
    started = time.perf_counter()
    orders = run()
    env.flush_all()
    elapsed = time.perf_counter() - started
    queries = odoo.sql_db.sql_counter - queries_before
    env.cr.commit()
    per_order = f"{queries / orders:.1f} queries/order, " if orders else ""
    rate = f"{orders / elapsed:.1f} orders/s, " if orders else ""
    print(
        f"{label}: {orders} orders in {elapsed:.2f}s, {rate}{per_order}{queries} queries",
        flush=True,
    )
    return orders, elapsed, queries


def run_benchmark(env, template_count):
    started = time.perf_counter()
    templates = seed(env, template_count)
    env.cr.commit()
    print(f"seeded {len(templates)} regular orders in {time.perf_counter() - started:.1f}s")
    today = date.today()
    first = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    batches = [templates[i : i + BATCH] for i in range(0, len(templates), BATCH)]

    def generate():
        created = 0
        for batch in batches:
            created += len(batch.generate_missing(first, last)["created"])
            env.flush_all()
        return created

    def generate_again():
        return sum(len(b.generate_missing(first, last)["created"]) for b in batches)

    def regenerate():
        return sum(len(b.regenerate_all(first, last)["rebuilt"]) for b in batches)

    results = {"generate": measure(env, f"generate missing {first}..{last}", generate)}
    again = measure(env, "generate missing again", generate_again)
    if again[0]:
        raise SystemExit(f"second run created {again[0]} orders: duplicates!")
    results["regenerate"] = measure(env, "regenerate all", regenerate)
    return results


def main():
    args = parse_args()
    import odoo  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415

    if odoo.release.version_info[0] != 18:
        sys.exit(f"Odoo 18.0 is required, found {odoo.release.version}.")
    dbname = f"bench_regular_{time.strftime('%Y%m%d_%H%M%S')}_{os.getpid()}"
    addons_path = odoo_addons_path()
    data_dir = tempfile.mkdtemp(prefix="odoo-bench-")
    try:
        install(args, dbname, addons_path, data_dir)
        odoo.tools.config.parse_config(
            [
                "-d",
                dbname,
                *db_options(args),
                "--addons-path",
                addons_path,
                "--data-dir",
                data_dir,
                "--log-level",
                "warn",
            ]
        )
        registry = Registry(dbname)
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            results = run_benchmark(env, args.templates)
        rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        orders, elapsed, queries = results["generate"]
        print("== regular orders benchmark")
        print(f"orders generated: {orders} from {args.templates} regular orders (one month)")
        print(f"orders per second: {orders / elapsed:.1f}")
        print(f"SQL queries per order: {queries / orders:.1f}")
        rebuilt, rebuild_time, rebuild_queries = results["regenerate"]
        if rebuilt:
            print(
                f"regenerate all: {rebuilt / rebuild_time:.1f} orders/s, "
                f"{rebuild_queries / rebuilt:.1f} queries per order"
            )
        print(
            f"peak memory: {rss_peak:.0f} MiB RSS "
            f"(+{rss_peak - rss_before:.0f} MiB over the registry loaded)"
        )
    finally:
        odoo.sql_db.close_all()
        if args.keep_db:
            print(f"kept database {dbname}")
        else:
            drop_database(args, dbname)
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
