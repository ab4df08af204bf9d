/**
 * The cookie-consent banner in the browser, plain DOM (no Preact): the page carries the banner
 * as a `<template id="consent-banner">` (components/ConsentBanner.tsx); this shows it only to
 * visitors who have not chosen and whose browser sends no GPC/DNT signal (those count as a
 * refusal), and saves "Accept all", "Reject all" or the categories ticked after "Choose".
 */
import {
  CONSENT_CATEGORIES,
  CONSENT_CHANGE_EVENT,
  consentInBrowser,
  saveConsentInBrowser,
} from "../consent.ts";

/** Shows the banner when a choice is due and wires its buttons. */
export function startConsentBanner() {
  const template = document.getElementById("consent-banner") as HTMLTemplateElement | null;
  const state = consentInBrowser();
  if (!template || state.decided || state.signal !== null) return;
  const banner = template.content.firstElementChild!.cloneNode(true) as HTMLElement;
  const find = (selector: string) => banner.querySelector(selector) as HTMLElement;
  template.replaceWith(banner);
  addEventListener(CONSENT_CHANGE_EVENT, () => banner.remove(), { once: true });
  banner.addEventListener("click", (e) => {
    const action = (e.target as Element).closest("[data-consent]")?.getAttribute("data-consent");
    if (action === "choose") {
      find("fieldset").hidden = find('[data-consent="picked"]').hidden = false;
      find('[data-consent="choose"]').hidden = true;
    } else if (action) {
      saveConsentInBrowser(
        action === "all"
          ? CONSENT_CATEGORIES
          : CONSENT_CATEGORIES.filter((c) =>
            action === "picked" && (find(`input[name="${c}"]`) as HTMLInputElement).checked
          ),
      );
    }
  });
}
