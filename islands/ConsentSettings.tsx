import { useState } from "preact/hooks";
import {
  acceptedOf,
  CONSENT_CATEGORIES,
  CONSENT_CATEGORY_INFO,
  type ConsentCategory,
  type ConsentState,
  saveConsentInBrowser,
} from "../lib/consent.ts";

/** Props: the consent the server saw, and which categories this form changes. */
export interface ConsentSettingsProps {
  initial: ConsentState;
  /** Change only these categories (the Privacy page's telemetry switch); default all. */
  only?: ConsentCategory[];
  /** Where the no-JavaScript form returns after saving. */
  returnTo: string;
  /** Heading id of the section that labels the form. */
  labelledBy: string;
}

/**
 * Consent choices as a plain form posting to `/consent` (works without JavaScript); with
 * JavaScript it saves in place and announces the change. A GPC or DNT signal locks every
 * optional category off and says why.
 */
export default function ConsentSettings(
  { initial, only, returnTo, labelledBy }: ConsentSettingsProps,
) {
  const categories = only ?? [...CONSENT_CATEGORIES];
  const [state, setState] = useState(initial);
  const [checked, setChecked] = useState<Record<ConsentCategory, boolean>>({
    analytics: initial.analytics,
    telemetry: initial.telemetry,
  });
  const [saved, setSaved] = useState(false);
  const locked = state.signal !== null;

  const save = (next: Record<ConsentCategory, boolean>) => {
    const accepted = new Set(acceptedOf(state));
    for (const c of categories) next[c] ? accepted.add(c) : accepted.delete(c);
    setState(saveConsentInBrowser(accepted));
    setSaved(true);
  };

  return (
    <form
      method="post"
      action="/consent"
      aria-labelledby={labelledBy}
      onSubmit={(e) => {
        e.preventDefault();
        save(checked);
      }}
    >
      <input type="hidden" name="choice" value="save" />
      <input type="hidden" name="return" value={returnTo} />
      {only && only.map((c) => <input key={c} type="hidden" name="only" value={c} />)}
      {locked && (
        <p class="notice">
          Your browser sends a {state.signal === "gpc" ? "Global Privacy Control" : "Do Not Track"}
          {" "}
          signal, so we treat every optional category as refused, whatever is saved here.
        </p>
      )}
      {categories.map((c) => (
        <label class="check" key={c}>
          <input
            type="checkbox"
            name={c}
            role={only ? "switch" : undefined}
            checked={!locked && checked[c]}
            disabled={locked}
            onChange={(e) => {
              const next = { ...checked, [c]: e.currentTarget.checked };
              setChecked(next);
              setSaved(false);
              if (only) save(next);
            }}
          />
          <span>
            <strong>{CONSENT_CATEGORY_INFO[c].label}</strong>
            {CONSENT_CATEGORY_INFO[c].description}
          </span>
        </label>
      ))}
      <div class="actions">
        <button type="submit" disabled={locked}>Save choices</button>
        <span class="saved" role="status">{saved ? "Saved." : ""}</span>
      </div>
    </form>
  );
}
