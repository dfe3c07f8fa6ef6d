import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("customer_portal_orders_cancel_link", {
    steps: () => [
        {
            content: "The link lists the customer's orders and their stops",
            trigger: ".o_cancel_link_order .o_cancel_link_stop",
        },
        {
            content: "Pick the second stop of the shared-route order",
            trigger: ".o_cancel_link_order:has(.o_cancel_link_stop_button) .o_cancel_link_stop:eq(1) .o_cancel_link_stop_button",
            run: "click",
        },
        {
            content: "The confirmation page tells it stays invoiced",
            trigger: ".o_cancel_link_confirm:contains('still invoiced')",
        },
        {
            content: "Give a reason",
            trigger: ".o_cancel_link_form input[name='reason']",
            run: "edit Shop closed",
        },
        {
            content: "Confirm",
            trigger: ".o_cancel_link_confirm_button",
            run: "click",
        },
        {
            content: "The stop is cancelled",
            trigger: ".o_cancel_link_result.alert-success",
        },
        {
            content: "and shown as such",
            trigger: ".o_cancel_link_already",
        },
    ],
});
