/** Shared steps of the portal order wizard tours. */

export function setValue(element, value) {
    element.value = value;
    element.dispatchEvent(new Event("input", { bubbles: true }));
    element.dispatchEvent(new Event("change", { bubbles: true }));
}

export function selectByText(select, text) {
    const option = [...select.options].find((opt) => opt.textContent.includes(text));
    if (!option) {
        throw new Error(`No option "${text}" in ${select.name}`);
    }
    setValue(select, option.value);
}

export function inDays(days) {
    const day = new Date();
    day.setDate(day.getDate() + days);
    return day.toISOString().slice(0, 10);
}

export function chooseSite(kind, index, text) {
    return {
        content: `${kind} ${index + 1}: choose ${text}`,
        trigger: `.o_order_wizard_step_${kind} select[name='stop-${index}-site']`,
        run() {
            selectByText(this.anchor, text);
        },
    };
}

export function clickNext(nextStep) {
    return [
        {
            content: "Next step",
            trigger: ".o_order_wizard_next",
            run: "click",
        },
        {
            content: `The ${nextStep} step opens`,
            trigger: `.o_order_wizard_step_${nextStep} .o_order_wizard_progress_${nextStep}[aria-current='step']`,
        },
    ];
}
