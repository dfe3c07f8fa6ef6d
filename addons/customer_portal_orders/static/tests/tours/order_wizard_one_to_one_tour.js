import { registry } from "@web/core/registry";
import { chooseSite, clickNext, inDays, selectByText, setValue } from "./order_wizard_helpers";

registry.category("web_tour.tours").add("customer_portal_orders_wizard_one_to_one", {
    url: "/my/orders/new",
    steps: () => [
        {
            content: "Choose one collection, one delivery",
            trigger: ".o_order_wizard_step_type input[name='route_order_type'][value='one_to_one']",
            run: "click",
        },
        ...clickNext("collection"),
        chooseSite("collection", 0, "Aurora Warehouse Vantaa"),
        {
            content: "Ask for a preferred time",
            trigger: "input[name='stop-0-time_mode'][value='slot']",
            run: "click",
        },
        {
            content: "Preferred date",
            trigger: ".o_order_wizard_slot:not(.d-none) input[name='stop-0-date']",
            run() {
                setValue(this.anchor, inDays(3));
            },
        },
        {
            content: "From",
            trigger: "input[name='stop-0-time_from']",
            run() {
                setValue(this.anchor, "08:00");
            },
        },
        {
            content: "To",
            trigger: "input[name='stop-0-time_to']",
            run() {
                setValue(this.anchor, "12:00");
            },
        },
        {
            content: "The contact is the user",
            trigger: "input[name='stop-0-contact_phone'][value='+358 40 111 2234']",
        },
        ...clickNext("delivery"),
        {
            content: "Deliver to a new address",
            trigger: ".o_order_wizard_step_delivery select[name='stop-0-site']",
            run: "select new",
        },
        {
            content: "Street",
            trigger: ".o_order_wizard_new_address:not(.d-none) input[name='stop-0-street']",
            run: "edit Tehtaankatu 5",
        },
        {
            content: "City",
            trigger: "input[name='stop-0-city']",
            run: "edit Helsinki",
        },
        {
            content: "Country",
            trigger: "select[name='stop-0-country_id']",
            run() {
                selectByText(this.anchor, "Finland");
            },
        },
        {
            content: "Contact at the delivery",
            trigger: "input[name='stop-0-contact_name']",
            run: "edit Reception",
        },
        ...clickNext("goods"),
        {
            content: "Describe the goods",
            trigger: "input[name='goods-0-description']",
            run: "edit Office chairs",
        },
        {
            content: "Quantity",
            trigger: "input[name='goods-0-quantity']",
            run: "edit 4",
        },
        {
            content: "Weight",
            trigger: "input[name='goods-0-weight']",
            run: "edit 60",
        },
        ...clickNext("final"),
        {
            content: "Choose a delivery note to attach",
            trigger: ".o_order_wizard_step_final input[name='documents']",
            run() {
                const transfer = new DataTransfer();
                transfer.items.add(
                    new File(["%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"], "delivery-note.pdf", {
                        type: "application/pdf",
                    })
                );
                this.anchor.files = transfer.files;
                this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "Attach it",
            trigger: ".o_order_wizard_upload",
            run: "click",
        },
        {
            content: "The document is attached",
            trigger: ".o_order_wizard_document:contains(delivery-note.pdf)",
        },
        {
            content: "Our reference",
            trigger: "input[name='client_order_ref']",
            run: "edit TOUR-1TO1",
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
