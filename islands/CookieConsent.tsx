import { useEffect, useState } from "preact/hooks";
import {
  CONSENT_CATEGORIES,
  CONSENT_CATEGORY_INFO,
  CONSENT_CHANGE_EVENT,
  type ConsentCategory,
  consentInBrowser,
  saveConsentInBrowser,
} from "../lib/consent.ts";

/**
 * The cookie-consent banner: accept all, reject all, or choose per category. It shows only
 * after hydration, only to visitors who have not chosen and whose browser sends no GPC/DNT
 * signal (those count as a refusal). Without JavaScript nothing is recorded, and the footer's
 * "Cookie settings" link leads to the same choices as a plain form.
 */
export default function CookieConsent() {
  const [open, setOpen] = useState(false);
  const [choosing, setChoosing] = useState(false);
  const [picked, setPicked] = useState<Record<ConsentCategory, boolean>>({
    analytics: false,
    telemetry: false,
  });

  useEffect(() => {
    const state = consentInBrowser();
    setOpen(!state.decided && state.signal === null);
    const onChange = () => setOpen(false);
    addEventListener(CONSENT_CHANGE_EVENT, onChange);
    return () => removeEventListener(CONSENT_CHANGE_EVENT, onChange);
  }, []);

  if (!open) return null;
  const save = (accepted: ConsentCategory[]) => {
    saveConsentInBrowser(accepted);
    setOpen(false);
  };
  return (
    <div class="consent-banner" role="region" aria-labelledby="consent-title">
      <h2 id="consent-title">Your privacy choices</h2>
      <p>
        We use a cookie to remember this choice. With your permission we also record page views and
        demo runs for the live activity feed, and send anonymous error reports. Read the{" "}
        <a href="/cookies">cookie policy</a>.
      </p>
      {choosing && (
        <fieldset>
          <legend>Optional categories</legend>
          {CONSENT_CATEGORIES.map((c) => (
            <label class="check" key={c}>
              <input
                type="checkbox"
                name={c}
                checked={picked[c]}
                onChange={(e) => setPicked({ ...picked, [c]: e.currentTarget.checked })}
              />
              <span>
                <strong>{CONSENT_CATEGORY_INFO[c].label}</strong>
                {CONSENT_CATEGORY_INFO[c].description}
              </span>
            </label>
          ))}
        </fieldset>
      )}
      <div class="actions">
        <button type="button" onClick={() => save([...CONSENT_CATEGORIES])}>Accept all</button>
        <button type="button" class="secondary" onClick={() => save([])}>Reject all</button>
        {choosing
          ? (
            <button
              type="button"
              class="secondary"
              onClick={() => save(CONSENT_CATEGORIES.filter((c) => picked[c]))}
            >
              Save choices
            </button>
          )
          : (
            <button type="button" class="secondary" onClick={() => setChoosing(true)}>
              Choose
            </button>
          )}
      </div>
    </div>
  );
}
