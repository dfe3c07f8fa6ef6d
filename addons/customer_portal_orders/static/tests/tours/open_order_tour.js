import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("customer_portal_orders_open_order", {
    url: "/my",
    steps: () => [
        {
            content: "Open the sales orders from the portal home",
            trigger: ".o_portal_index_card a[href='/my/orders']",
            run: "click",
        },
        {
            content: "Open the transport order",
            trigger: ".o_portal_my_doc_table a:contains('S0')",
            run: "click",
        },
        {
            content: "The order shows its stops",
            trigger: "#route_stops .o_route_stops_table tbody tr:contains('Kestrel Depot')",
        },
        {
            content: "and the goods collected at the first stop",
            trigger: "#route_stops .o_route_goods_row:contains('Kestrel Logistics Oy crates')",
        },
        {
            content: "Let the lazily loaded chatter finish (else its bundle fails after the tour)",
            trigger: ".o_portal_chatter #chatterRoot",
        },
    ],
});
