import { CONSENT_CATEGORIES, CONSENT_CATEGORY_INFO } from "../lib/consent.ts";

/**
 * The cookie-consent banner as an inert `<template>`: the page script
 * (lib/page_script/consent_banner.ts) shows it only to visitors who have not chosen, so the
 * browser needs no component code for it. Without JavaScript nothing is recorded, and the
 * footer's "Cookie settings" link leads to the same choices as a plain form.
 */
export function ConsentBanner() {
  return (
    <template id="consent-banner">
      <div class="consent-banner" role="region" aria-labelledby="consent-title">
        <h2 id="consent-title">Your privacy choices</h2>
        <p>
          We use a cookie to remember this choice. With your permission we also record page views
          and demo runs for the live activity feed, and send anonymous error reports. Read the{" "}
          <a href="/cookies">cookie policy</a>.
        </p>
        <fieldset hidden>
          <legend>Optional categories</legend>
          {CONSENT_CATEGORIES.map((c) => (
            <label class="check" key={c}>
              <input type="checkbox" name={c} />
              <span>
                <strong>{CONSENT_CATEGORY_INFO[c].label}</strong>
                {CONSENT_CATEGORY_INFO[c].description}
              </span>
            </label>
          ))}
        </fieldset>
        <div class="actions">
          <button type="button" data-consent="all">Accept all</button>
          <button type="button" class="secondary" data-consent="none">Reject all</button>
          <button type="button" class="secondary" data-consent="picked" hidden>
            Save choices
          </button>
          <button type="button" class="secondary" data-consent="choose">Choose</button>
        </div>
      </div>
    </template>
  );
}
