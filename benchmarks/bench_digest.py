#!/usr/bin/env python3
"""Benchmark the order status digests.

Creates a fresh database, installs customer_portal_orders (no demo data),
seeds 1,000 customers with one buyer and two confirmed orders each, rules for
every event (e-mail and SMS), records 10,000 changes through the recording API
the model hooks use, then sends the digests the way the scheduled action does
(one e-mail and one SMS per customer, commit per batch of customers) and runs
again (nothing to send). Prints changes per second, SQL queries per change
(``odoo.sql_db.sql_counter``) and the peak memory, then drops the database.

    python3 benchmarks/bench_digest.py --db-host 127.0.0.1
"""

import resource
import time

import odoo_bench

EVENTS = ("tracking_ref", "picked", "delivered_qty", "expected_date", "order_state")


def parse_args():
    parser = odoo_bench.argument_parser(__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, default=1000)
    parser.add_argument("--changes", type=int, default=10000)
    return parser.parse_args()


def seed(env, customer_count):
    from odoo import Command  # noqa: PLC0415

    product = env["product.product"].create({"name": "Bench service", "type": "service"})
    customers = env["res.partner"].create(
        [
            {"name": f"Bench Customer {n}", "is_company": True, "email": f"c{n}@bench.example"}
            for n in range(customer_count)
        ]
    )
    env["res.partner"].create(
        [
            {
                "name": f"Buyer {n}",
                "parent_id": customer.id,
                "email": f"buyer{n}@bench.example",
                "mobile": f"+35840{n:07d}",
            }
            for n, customer in enumerate(customers)
        ]
    )
    orders = env["sale.order"].create(
        [
            {
                "partner_id": customer.child_ids[0].id,
                "order_line": [Command.create({"product_id": product.id})],
            }
            for customer in customers
            for _n in range(2)
        ]
    )
    orders.action_confirm()
    # rules after the confirmations: the benchmark records exactly its own changes
    env["customer.portal.status.rule"].create(
        [{"name": event, "event": event, "channel": "both"} for event in EVENTS]
    )
    return orders


def record_changes(env, orders, count):
    Change = env["customer.portal.status.change"]
    per_event = {event: [] for event in EVENTS}
    for n in range(count):
        order = orders[n % len(orders)]
        event = EVENTS[n % len(EVENTS)]
        per_event[event].append(
            {
                "order": order,
                "line": order.order_line,
                "product": order.order_line.product_id,
                "field_name": "qty" if event in ("picked", "delivered_qty") else None,
                "old": str(n),
                "new": str(n + 1),
            }
        )
    return sum(len(Change._portal_record(event, entries)) for event, entries in per_event.items())


def measure(env, label, run):
    import odoo.sql_db  # noqa: PLC0415

    env.invalidate_all()
    queries_before = odoo.sql_db.sql_counter
    started = time.perf_counter()
    count = run()
    env.flush_all()
    elapsed = time.perf_counter() - started
    queries = odoo.sql_db.sql_counter - queries_before
    env.cr.commit()
    rate = (
        f"{count / elapsed:.1f} changes/s, {queries / count:.2f} queries/change, " if count else ""
    )
    print(f"{label}: {count} changes in {elapsed:.2f}s, {rate}{queries} queries", flush=True)
    return count, elapsed, queries


def run_benchmark(env, args):
    started = time.perf_counter()
    orders = seed(env, args.customers)
    env.cr.commit()
    print(
        f"seeded {args.customers} customers, {len(orders)} orders in "
        f"{time.perf_counter() - started:.1f}s",
        flush=True,
    )
    Change = env["customer.portal.status.change"]
    results = {"record": measure(env, "record", lambda: record_changes(env, orders, args.changes))}

    def send():
        digests = Change._portal_send_digests(auto_commit=True)
        return len(digests.change_ids)

    results["send"] = measure(env, "send digests", send)
    mails = env["mail.mail"].search_count([("model", "=", "customer.portal.status.digest")])
    sms = env["sms.sms"].search_count([])
    print(f"queued {mails} e-mails and {sms} SMS for {args.customers} customers")
    if mails != args.customers:
        raise SystemExit(f"expected one e-mail per customer, got {mails}")
    again = measure(env, "send again", send)
    if again[0]:
        raise SystemExit(f"second run sent {again[0]} changes again!")
    return results


def main():
    args = parse_args()
    odoo_bench.check_odoo()
    import odoo  # noqa: PLC0415

    with odoo_bench.bench_database(args, "bench_digest", "customer_portal_orders") as registry:
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            results = run_benchmark(env, args)
        rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        sent, elapsed, queries = results["send"]
        recorded, record_time, record_queries = results["record"]
        print("== order status digest benchmark")
        print(f"changes: {recorded} over {args.customers} customers")
        print(
            f"recording: {recorded / record_time:.1f} changes/s, "
            f"{record_queries / recorded:.2f} queries per change"
        )
        print(
            f"digest throughput: {sent / elapsed:.1f} changes/s, "
            f"{queries / sent:.2f} queries per change, "
            f"{queries / args.customers:.1f} queries per customer"
        )
        print(
            f"peak memory: {rss_peak:.0f} MiB RSS "
            f"(+{rss_peak - rss_before:.0f} MiB over the registry loaded)"
        )


if __name__ == "__main__":
    main()
