import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("portal_extranet_manager_site_contact", {
    url: "/my",
    steps: () => [
        {
            content: "Open the sites from the portal home",
            trigger: ".o_portal_index_card a[href='/my/sites']",
            run: "click",
        },
        {
            content: "Add a site",
            trigger: "a.o_portal_extranet_add_site",
            run: "click",
        },
        { trigger: "form.o_portal_extranet_site_form input[name='name']", run: "edit Tour Terminal" },
        { trigger: "form.o_portal_extranet_site_form input[name='street']", run: "edit Satamatie 3" },
        { trigger: "form.o_portal_extranet_site_form input[name='zip']", run: "edit 00980" },
        { trigger: "form.o_portal_extranet_site_form input[name='city']", run: "edit Helsinki" },
        {
            trigger: "form.o_portal_extranet_site_form select[name='country_id']",
            run: "selectByLabel Finland",
        },
        {
            content: "Save the site",
            trigger: "form.o_portal_extranet_site_form button[type='submit']",
            run: "click",
        },
        {
            content: "The site is saved",
            trigger: ".alert-success:contains('The site is saved')",
        },
        {
            content: "Back to the sites: the new one is listed",
            trigger: "a:contains('Back to sites')",
            run: "click",
        },
        {
            trigger: ".o_portal_my_doc_table a:contains('Tour Terminal')",
        },
        {
            content: "Back to the portal home",
            trigger: ".breadcrumb a[href='/my/home']",
            run: "click",
        },
        {
            content: "Open the contacts",
            trigger: ".o_portal_index_card a[href='/my/contacts']",
            run: "click",
        },
        {
            content: "Add a contact",
            trigger: "a.o_portal_extranet_add_contact",
            run: "click",
        },
        { trigger: "form.o_portal_extranet_contact_form input[name='name']", run: "edit Tiina Tour" },
        {
            trigger: "form.o_portal_extranet_contact_form input[name='email']",
            run: "edit tiina.tour@example.com",
        },
        {
            content: "Save the contact",
            trigger: "form.o_portal_extranet_contact_form button[type='submit']",
            run: "click",
        },
        {
            content: "The contact is saved",
            trigger: ".alert-success:contains('The contact is saved')",
        },
    ],
});
