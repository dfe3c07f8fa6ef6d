/** Portal order wizard: show the new address fields and the time window only
 * when they apply (the server renders the same state on every page). */
function toggleStopSection(input, section, shown) {
    const card = input.closest(".o_order_wizard_stop");
    const target = card && card.querySelector(section);
    if (target) {
        target.classList.toggle("d-none", !shown);
    }
}

document.addEventListener("change", (ev) => {
    const input = ev.target;
    if (input.matches?.(".o_order_wizard_site")) {
        toggleStopSection(input, ".o_order_wizard_new_address", input.value === "new");
    } else if (input.matches?.(".o_order_wizard_time_mode")) {
        toggleStopSection(input, ".o_order_wizard_slot", input.value === "slot");
    }
});
