import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("portal_extranet_request_account", {
    url: "/web/login",
    steps: () => [
        {
            content: "The login page offers an account request",
            trigger: "a.o_portal_request_account_link",
            run: "click",
        },
        { trigger: "input[name='company_name']", run: "edit Tour Trading Oy" },
        { trigger: "input[name='vat']", run: "edit FI99887766" },
        { trigger: "input[name='contact_name']", run: "edit Terhi Tour" },
        { trigger: "input[name='email']", run: "edit terhi@tour-trading.example.com" },
        { trigger: "textarea[name='message']", run: "edit We would like to order online." },
        {
            content: "Send the request",
            trigger: ".o_portal_request_account_form button[type='submit']",
            run: "click",
        },
        {
            content: "The request is received",
            trigger: ".o_portal_request_account_done",
        },
    ],
});

registry.category("web_tour.tours").add("portal_extranet_first_login", {
    steps: () => [
        {
            content: "Choose a password from the invitation link",
            trigger: "form.oe_signup_form input[name='password']",
            run: "edit Tour-Passw0rd-2026",
        },
        {
            trigger: "form.oe_signup_form input[name='confirm_password']",
            run: "edit Tour-Passw0rd-2026",
        },
        {
            trigger: "form.oe_signup_form button[type='submit']",
            run: "click",
        },
        {
            content: "The new customer lands in the portal",
            trigger: ".o_portal_my_home",
        },
    ],
});
