import { registry } from "@web/core/registry";
import { chooseSite, clickNext, selectByText } from "./order_wizard_helpers";

function goodsRow(index, description, collection) {
    return [
        {
            content: `Goods ${index + 1}: collected at ${collection}`,
            trigger: `select[name='goods-${index}-stop']`,
            run() {
                selectByText(this.anchor, collection);
            },
        },
        {
            content: `Goods ${index + 1}: description`,
            trigger: `input[name='goods-${index}-description']`,
            run: `edit ${description}`,
        },
    ];
}

registry.category("web_tour.tours").add("customer_portal_orders_wizard_many_to_one", {
    url: "/my/orders/new",
    steps: () => [
        {
            content: "Choose many collections, one delivery",
            trigger: ".o_order_wizard_step_type input[name='route_order_type'][value='many_to_one']",
            run: "click",
        },
        ...clickNext("collection"),
        chooseSite("collection", 0, "Boreal Shop Aarhus"),
        {
            content: "Add a second collection",
            trigger: ".o_order_wizard_add_stop",
            run: "click",
        },
        {
            content: "Collect at a new address",
            trigger: "select[name='stop-1-site']",
            run: "select new",
        },
        {
            content: "Street",
            trigger: ".o_order_wizard_new_address:not(.d-none) input[name='stop-1-street']",
            run: "edit Industrivej 7",
        },
        {
            content: "City",
            trigger: "input[name='stop-1-city']",
            run: "edit Odense",
        },
        {
            content: "Country",
            trigger: "select[name='stop-1-country_id']",
            run() {
                selectByText(this.anchor, "Denmark");
            },
        },
        ...clickNext("delivery"),
        chooseSite("delivery", 0, "Boreal Retail ApS"),
        ...clickNext("goods"),
        ...goodsRow(0, "Returns", "Boreal Shop Aarhus"),
        {
            content: "Add goods",
            trigger: ".o_order_wizard_add_goods",
            run: "click",
        },
        ...goodsRow(1, "Samples", "Industrivej 7"),
        ...clickNext("final"),
        {
            content: "Our reference",
            trigger: "input[name='client_order_ref']",
            run: "edit TOUR-NTO1",
        },
        {
            content: "Send the order",
            trigger: ".o_order_wizard_submit",
            run: "click",
        },
        {
            content: "The order is received",
            trigger: ".o_order_wizard_done:contains(We received your order)",
        },
    ],
});
