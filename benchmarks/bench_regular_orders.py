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

import calendar
import random
import resource
import time
from datetime import date, timedelta

import odoo_bench

CUSTOMERS = 40
SITES_PER_CUSTOMER = 3
BATCH = 100  # regular orders per run, as the scheduled action


def parse_args():
    parser = odoo_bench.argument_parser(__doc__.split("\n\n")[0])
    parser.add_argument("--templates", type=int, default=200)
    return parser.parse_args()


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
    odoo_bench.check_odoo()
    import odoo  # noqa: PLC0415

    with odoo_bench.bench_database(args, "bench_regular", "route_orders") as registry:
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


if __name__ == "__main__":
    main()
