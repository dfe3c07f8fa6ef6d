#!/usr/bin/env python3
"""Benchmark the route order import against Odoo's base_import.

Creates a fresh database, installs route_orders and base_import (no demo data),
seeds customers with sites, generates a CSV of 1,000 transport orders (about
5,000 stops and 2,000 goods), imports it with ``route.order.import`` and then
loads the same 1,000 orders as plain sale orders (one line per stop) with
``base_import.import.execute_import``. Prints orders per second, SQL queries
per order, the speed ratio and the peak memory of our import, then drops the
database.

    python3 benchmarks/bench_import.py --db-host 127.0.0.1
"""

import csv
import io
import random
import resource
import time
import tracemalloc

import odoo_bench

CUSTOMERS = 50
SITES_PER_CUSTOMER = 4
NEW_ADDRESS_EVERY = 10  # one order in ten delivers to an address not yet known

ROUTE_COLUMNS = [
    "order_ref",
    "customer",
    "order_type",
    "stop",
    "stop_kind",
    "site",
    "street",
    "zip",
    "city",
    "country",
    "date",
    "time_from",
    "time_to",
    "tz",
    "contact_phone",
    "goods_description",
    "packaging",
    "goods_quantity",
    "weight",
    "length",
    "width",
    "height",
    "deliver_to",
]
BASE_IMPORT_FIELDS = [
    "client_order_ref",
    "partner_id",
    "order_line/product_id",
    "order_line/name",
    "order_line/product_uom_qty",
]


def parse_args():
    parser = odoo_bench.argument_parser(__doc__.split("\n\n")[0])
    parser.add_argument("--orders", type=int, default=1000)
    return parser.parse_args()


# ----------------------------------------------------------------------
# Data
# ----------------------------------------------------------------------
def seed(env):
    """Customers (matched by ref, VAT or e-mail) with delivery sites."""
    finland = env.ref("base.fi")
    customers = env["res.partner"].create(
        [
            {
                "name": f"Bench Customer {index:03d}",
                "is_company": True,
                "ref": f"BC{index:03d}",
                "vat": f"FI{10000000 + index}",
                "email": f"orders{index}@bench.example",
                "country_id": finland.id,
            }
            for index in range(CUSTOMERS)
        ]
    )
    env["res.partner"].create(
        [
            {
                "parent_id": customer.id,
                "type": "delivery",
                "ref": f"S{index:03d}-{site}",
                "street": f"Benchmark street {site + 1}",
                "zip": f"{index * 10 + site:05d}",
                "city": "Helsinki",
                "country_id": finland.id,
            }
            for index, customer in enumerate(customers)
            for site in range(SITES_PER_CUSTOMER)
        ]
    )
    env.cr.commit()
    return customers


def customer_key(index):
    """Use every matching rule: reference, VAT, e-mail."""
    return (f"BC{index:03d}", f"FI{10000000 + index}", f"orders{index}@bench.example")[index % 3]


def route_rows(order_number, rng):
    """Rows of one collection → four deliveries order (5 stops, 2 goods)."""
    customer = order_number % CUSTOMERS
    ref = f"BENCH-{order_number:05d}"
    common = {"order_ref": ref, "customer": customer_key(customer)}
    collection = dict(
        common,
        order_type="one_to_many",
        stop="1",
        stop_kind="collection",
        site=f"S{customer:03d}-0",
        date="2030-01-15",
        time_from="08:00",
        time_to="10:00",
        tz="Europe/Helsinki",
        contact_phone=f"040 {rng.randint(1000000, 9999999)}",
    )
    goods = [
        {
            "goods_description": "Pallet of goods",
            "packaging": "PAL",
            "goods_quantity": str(rng.randint(1, 4)),
            "weight": str(rng.randint(100, 800)),
            "length": "120",
            "width": "80",
            "height": "120",
            "deliver_to": "2",
        },
        {
            "goods_description": "Parcel",
            "packaging": "PARCEL",
            "goods_quantity": "1",
            "weight": "5",
            "deliver_to": str(rng.randint(3, 5)),
        },
    ]
    rows = [dict(collection, **goods[0]), dict(common, stop="1", **goods[1])]
    for stop in (2, 3):
        rows.append(
            dict(common, stop=str(stop), stop_kind="delivery", site=f"S{customer:03d}-{stop - 1}")
        )
    rows.append(
        dict(
            common,
            stop="4",
            stop_kind="delivery",
            street="Benchmark street 4",
            zip=f"{customer * 10 + 3:05d}",
            city="Helsinki",
        )
    )
    new_address = order_number % NEW_ADDRESS_EVERY == 0
    rows.append(
        dict(
            common,
            stop="5",
            stop_kind="delivery",
            street=f"New street {order_number}" if new_address else "Benchmark street 3",
            zip=f"{customer * 10 + 2:05d}",
            city="Helsinki",
            country="FI",
        )
    )
    return rows


def to_csv(columns, rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def route_csv(orders):
    rng = random.Random(42)
    rows = [row for number in range(orders) for row in route_rows(number, rng)]
    return to_csv(ROUTE_COLUMNS, rows)


def base_import_csv(orders):
    """The same orders as plain sale orders: one line per stop, for base_import."""
    rows = []
    for number in range(orders):
        customer = number % CUSTOMERS
        for stop in range(1, 6):
            code = "STOP-COLL" if stop == 1 else "STOP-DELI"
            row = {
                "order_line/product_id": code,
                "order_line/name": f"Stop {stop} at S{customer:03d}-{min(stop - 1, 3)}",
                "order_line/product_uom_qty": "1",
            }
            if stop == 1:
                row.update(
                    client_order_ref=f"BASE-{number:05d}",
                    partner_id=f"Bench Customer {customer:03d}",
                )
            rows.append(row)
    return to_csv(BASE_IMPORT_FIELDS, rows)


# ----------------------------------------------------------------------
# Measures
# ----------------------------------------------------------------------
def measured(registry, function, commit=True):
    """Run function(env) in a new transaction; return (result, seconds, queries)."""
    import odoo.sql_db  # noqa: PLC0415
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"lang": "en_US", "tz": "Europe/Helsinki"})
        queries = odoo.sql_db.sql_counter
        started = time.perf_counter()
        result = function(env)
        env.flush_all()
        seconds = time.perf_counter() - started
        queries = odoo.sql_db.sql_counter - queries
        if commit:
            cr.commit()
        else:
            cr.rollback()
    return result, seconds, queries


def run_ours(content):
    def function(env):
        result = env["route.order.import"].import_file(content, "bench.csv")
        if result["errors"]:
            raise SystemExit(f"our import failed: {result['errors'][:5]}")
        return result

    return function


def run_base_import(content):
    options = {
        "quoting": '"',
        "separator": ",",
        "has_headers": True,
        "encoding": "utf-8",
        "date_format": "",
        "datetime_format": "",
        "float_thousand_separator": ",",
        "float_decimal_separator": ".",
        "import_skip_records": [],
        "import_set_empty_fields": [],
        "fallback_values": {},
        "name_create_enabled_fields": {},
    }

    def function(env):
        wizard = env["base_import.import"].create(
            {
                "res_model": "sale.order",
                "file": content,
                "file_type": "text/csv",
                "file_name": "base.csv",
            }
        )
        result = wizard.execute_import(BASE_IMPORT_FIELDS, BASE_IMPORT_FIELDS, dict(options))
        errors = [m for m in result.get("messages", []) if m.get("type") == "error"]
        if errors:
            raise SystemExit(f"base_import failed: {errors[:5]}")
        return result

    return function


def memory_peak(registry, content):
    """Peak Python memory of our import (traced separately: tracemalloc slows it)."""
    tracemalloc.start()
    try:
        measured(registry, run_ours(content), commit=False)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def main():
    args = parse_args()
    with odoo_bench.bench_database(args, "bench_import", "route_orders,base_import") as registry:
        with registry.cursor() as cr:
            from odoo import SUPERUSER_ID, api  # noqa: PLC0415

            seed(api.Environment(cr, SUPERUSER_ID, {}))
        ours_csv = route_csv(args.orders)
        base_csv = base_import_csv(args.orders)
        print(
            f"== {args.orders} orders: our CSV {len(ours_csv) / 1024:.0f} KB, "
            f"base_import CSV {len(base_csv) / 1024:.0f} KB",
            flush=True,
        )
        # warm both code paths up (caches, first-use imports) in rolled-back runs
        measured(registry, run_ours(route_csv(5)), commit=False)
        measured(registry, run_base_import(base_import_csv(5)), commit=False)
        peak = memory_peak(registry, ours_csv)

        result, ours_seconds, ours_queries = measured(registry, run_ours(ours_csv))
        created = len(result["created"])
        with registry.cursor() as cr:
            cr.execute(
                "SELECT count(*) FROM route_stop s JOIN sale_order o ON o.id = s.order_id "
                "WHERE o.client_order_ref LIKE 'BENCH-%%'"
            )
            stops = cr.fetchone()[0]
        print(
            f"ours:        {created} orders, {stops} stops, {result['sites_created']} new "
            f"addresses in {ours_seconds:.1f}s = {created / ours_seconds:.1f} orders/s, "
            f"{ours_queries / created:.2f} SQL queries/order",
            flush=True,
        )
        _result, base_seconds, base_queries = measured(registry, run_base_import(base_csv))
        print(
            f"base_import: {args.orders} orders in {base_seconds:.1f}s = "
            f"{args.orders / base_seconds:.1f} orders/s, "
            f"{base_queries / args.orders:.2f} SQL queries/order",
            flush=True,
        )
        print(f"speed ratio (ours / base_import): {base_seconds / ours_seconds:.1f}x")
        print(f"peak traced Python memory of our import: {peak / 1024 / 1024:.1f} MB")
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak RSS of the benchmark process: {rss:.0f} MB")


if __name__ == "__main__":
    main()
