import { registry } from "@web/core/registry";
import { chooseSite, clickNext, selectByText } from "./order_wizard_helpers";

function goodsRow(index, description, delivery) {
    return [
        {
            content: `Goods ${index + 1}: description`,
            trigger: `input[name='goods-${index}-description']`,
            run: `edit ${description}`,
        },
        {
            content: `Goods ${index + 1}: delivered to ${delivery}`,
            trigger: `select[name='goods-${index}-delivery']`,
            run() {
                selectByText(this.anchor, delivery);
            },
        },
    ];
}

registry.category("web_tour.tours").add("customer_portal_orders_wizard_one_to_many", {
    url: "/my/orders/new",
    steps: () => [
        {
            content: "Choose one collection, many deliveries",
            trigger: ".o_order_wizard_step_type input[name='route_order_type'][value='one_to_many']",
            run: "click",
        },
        ...clickNext("collection"),
        chooseSite("collection", 0, "Aurora Warehouse Vantaa"),
        ...clickNext("delivery"),
        chooseSite("delivery", 0, "Aurora Store Espoo"),
        {
            content: "Add a second delivery",
            trigger: ".o_order_wizard_add_stop",
            run: "click",
        },
        chooseSite("delivery", 1, "Aurora Wholesale Oy"),
        ...clickNext("goods"),
        ...goodsRow(0, "Shelves", "Aurora Store Espoo"),
        {
            content: "Add goods",
            trigger: ".o_order_wizard_add_goods",
            run: "click",
        },
        ...goodsRow(1, "Signs", "Aurora Wholesale Oy"),
        ...clickNext("final"),
        {
            content: "Ask for a quote first",
            trigger: "input#request_kind_quote",
            run: "click",
        },
        {
            content: "Our reference",
            trigger: "input[name='client_order_ref']",
            run: "edit TOUR-1TON",
        },
        {
            content: "Send the quote request",
            trigger: ".o_order_wizard_submit",
            run: "click",
        },
        {
            content: "The quote request is received",
            trigger: ".o_order_wizard_done:contains(quote request)",
        },
    ],
});
