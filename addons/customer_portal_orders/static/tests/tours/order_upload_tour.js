import { registry } from "@web/core/registry";

// The product code is created by the Python test (tests/test_order_upload.py).
const CSV = "order_ref,product,quantity\nTOUR-UP-1,UPT-CRATE,3\n";

function chooseFile() {
    // Tours cannot pick a file in the browser's dialog: put one in the input as a drop would.
    const file = new File([CSV], "tour_orders.csv", { type: "text/csv" });
    const transfer = new DataTransfer();
    transfer.items.add(file);
    this.anchor.files = transfer.files;
    this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
}

registry.category("web_tour.tours").add("customer_portal_orders_upload", {
    url: "/my/orders",
    steps: () => [
        {
            content: "Open the upload page from the orders list",
            trigger: "a.o_portal_order_upload_link",
            run: "click",
        },
        {
            content: "Choose the CSV file",
            trigger: "input#o_order_upload_file",
            run: chooseFile,
        },
        {
            content: "Check it first",
            trigger: "button.o_order_upload_submit",
            run: "click",
        },
        {
            content: "The file is correct",
            trigger: ".o_order_upload_checked",
        },
        {
            content: "Choose the file again",
            trigger: "input#o_order_upload_file",
            run: chooseFile,
        },
        {
            content: "Import this time",
            trigger: "input#o_order_upload_import",
            run: "click",
        },
        {
            content: "Send it",
            trigger: "button.o_order_upload_submit",
            run: "click",
        },
        {
            content: "One order was imported, with a link to its page",
            trigger: ".o_order_upload_done a.o_order_upload_order[href^='/my/orders/']",
        },
        {
            content: "under the customer's own order reference",
            trigger: ".o_order_upload_done li:contains('TOUR-UP-1')",
        },
    ],
});
