/// <reference types="@hcaptcha/types" />
/**
 * The lead form. Rendered on the server it is a plain HTML form that posts to /contact and
 * works with JavaScript off (the server re-renders it with errors and what was typed). Once
 * hydrated it validates inline per field, solves the spam challenge (ALTCHA proof-of-work or
 * hCaptcha), and posts JSON to /api/leads with an Idempotency-Key, so a double click makes
 * one lead.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { checkLeadFields, type FieldErrors, type LeadFieldName } from "../lib/leads/field_rules.ts";
import type { ContactFormProps } from "../lib/leads/form_props.ts";
import { fetchAndSolvePow } from "../lib/leads/pow_client.ts";

const ORDER: LeadFieldName[] = ["name", "email", "company", "companyUrl", "message", "consent"];
const HCAPTCHA_SRC = "https://js.hcaptcha.com/1/api.js?render=explicit&onload=relayHcaptchaReady";

type Status = "idle" | "sending" | "sent";

function loadHcaptcha(): Promise<void> {
  const w = globalThis as unknown as { hcaptcha?: unknown; relayHcaptchaReady?: () => void };
  if (w.hcaptcha) return Promise.resolve();
  return new Promise((resolve, reject) => {
    w.relayHcaptchaReady = () => resolve();
    const script = document.createElement("script");
    script.src = HCAPTCHA_SRC;
    script.async = true;
    script.onerror = () => reject(new Error("hCaptcha did not load"));
    document.head.append(script);
  });
}

function Field(
  { name, label, error, hint, children }: {
    name: LeadFieldName;
    label: string;
    error?: string;
    hint?: string;
    children: preact.ComponentChildren;
  },
) {
  return (
    <div class={error ? "field has-error" : "field"}>
      <label for={`lead-${name}`}>{label}</label>
      {hint && <p class="field-hint" id={`lead-${name}-hint`}>{hint}</p>}
      {children}
      <p class="field-error" id={`lead-${name}-error`} aria-live="polite">{error ?? ""}</p>
    </div>
  );
}

function describedBy(name: LeadFieldName, hint?: boolean) {
  return [hint ? `lead-${name}-hint` : "", `lead-${name}-error`].filter(Boolean).join(" ");
}

/** The contact / talk-to-sales form island. */
export default function ContactForm(props: ContactFormProps) {
  const { variant, source, formToken, captcha } = props;
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<Record<string, string | boolean>>(props.values ?? {});
  const [errors, setErrors] = useState<FieldErrors>(props.errors ?? {});
  const [formError, setFormError] = useState(props.formError ?? "");
  const [status, setStatus] = useState<Status>(props.sent ? "sent" : "idle");
  const [token, setToken] = useState(formToken);
  const idempotency = useRef("");
  const powRef = useRef<Promise<string> | null>(null);
  const hcaptchaId = useRef<string | null>(null);
  const hcaptchaBox = useRef<HTMLDivElement>(null);

  useEffect(() => {
    idempotency.current = crypto.randomUUID();
    if (!formToken) {
      fetch("/api/leads/form-token").then((r) => r.json())
        .then((b: { formToken: string }) => setToken(b.formToken))
        .catch(() => setFormError("The form could not load. Please reload the page."));
    }
    if (captcha.kind === "hcaptcha" && hcaptchaBox.current) {
      loadHcaptcha().then(() => {
        hcaptchaId.current = hcaptcha.render(hcaptchaBox.current!, { sitekey: captcha.sitekey });
      }).catch(() => setFormError("The verification widget did not load. Please reload."));
    }
  }, []);

  /** Starts the proof-of-work early (first interaction) so sending feels instant. */
  const warmUp = () => {
    if (captcha.kind === "altcha" && !powRef.current) {
      powRef.current = fetchAndSolvePow(captcha.challengeUrl);
      powRef.current.catch(() => (powRef.current = null));
    }
  };

  const str = (name: string) => (typeof values[name] === "string" ? values[name] as string : "");
  const update = (name: LeadFieldName, value: string | boolean) => {
    setValues((v) => ({ ...v, [name]: value }));
    if (errors[name]) {
      const next = checkLeadFields({ ...values, [name]: value })[name];
      setErrors((e) => ({ ...e, [name]: next }));
    }
  };
  const blur = (name: LeadFieldName) => {
    const found = checkLeadFields(values)[name];
    if (found && (str(name) !== "" || errors[name])) setErrors((e) => ({ ...e, [name]: found }));
  };

  const focusFirst = (errs: FieldErrors) => {
    const first = ORDER.find((n) => errs[n]);
    if (first) formRef.current?.querySelector<HTMLElement>(`#lead-${first}`)?.focus();
  };

  const captchaResponse = async (): Promise<string> => {
    if (captcha.kind === "hcaptcha") {
      return hcaptchaId.current === null ? "" : hcaptcha.getResponse(hcaptchaId.current);
    }
    warmUp();
    return await powRef.current!;
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (status === "sending") return;
    const form = new FormData(formRef.current!);
    const raw = Object.fromEntries(form.entries()) as Record<string, string>;
    const found = checkLeadFields(raw);
    if (Object.keys(found).length) {
      setErrors(found);
      setFormError("");
      focusFirst(found);
      return;
    }
    setErrors({});
    setFormError("");
    setStatus("sending");
    try {
      const answer = await captchaResponse();
      if (!answer) {
        setStatus("idle");
        setFormError("Please complete the verification above, then send again.");
        return;
      }
      const res = await fetch("/api/leads", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json",
          "idempotency-key": idempotency.current,
        },
        body: JSON.stringify({ ...raw, consent: raw.consent === "on", captcha: answer }),
      });
      powRef.current = null;
      if (res.ok) {
        setStatus("sent");
        return;
      }
      const body = await res.json().catch(() => ({})) as {
        error?: { message?: string; details?: { fields?: FieldErrors; formToken?: string } };
      };
      const fields = body.error?.details?.fields;
      if (body.error?.details?.formToken) setToken(body.error.details.formToken);
      if (captcha.kind === "hcaptcha" && hcaptchaId.current !== null) {
        hcaptcha.reset(hcaptchaId.current);
      }
      setStatus("idle");
      if (fields) {
        setErrors(fields);
        focusFirst(fields);
      } else {
        setFormError(body.error?.message ?? "Something went wrong. Please try again.");
      }
    } catch {
      powRef.current = null;
      setStatus("idle");
      setFormError("We could not reach the server. Please check your connection and try again.");
    }
  };

  if (status === "sent") {
    return (
      <div class="form-success" role="status" tabIndex={-1}>
        <h2>Thanks, we have your message.</h2>
        <p>We will reply to the email address you gave.</p>
      </div>
    );
  }

  const full = variant === "full";
  return (
    <form
      ref={formRef}
      class="lead-form"
      method="post"
      action="/contact"
      noValidate
      onSubmit={onSubmit}
      onFocusIn={warmUp}
      aria-labelledby={full ? undefined : "sales-form-title"}
    >
      {!full && <h2 id="sales-form-title">Talk to sales</h2>}
      {formError && <p class="form-error" role="alert">{formError}</p>}
      <input type="hidden" name="formToken" value={token} />
      <input type="hidden" name="source" value={source} />
      <Field name="name" label="Your name" error={errors.name}>
        <input
          id="lead-name"
          name="name"
          type="text"
          autocomplete="name"
          maxLength={120}
          required
          value={str("name")}
          aria-invalid={errors.name ? "true" : undefined}
          aria-describedby={describedBy("name")}
          onInput={(e) => update("name", e.currentTarget.value)}
          onBlur={() => blur("name")}
        />
      </Field>
      <Field name="email" label="Work email" error={errors.email}>
        <input
          id="lead-email"
          name="email"
          type="email"
          autocomplete="email"
          maxLength={254}
          required
          value={str("email")}
          aria-invalid={errors.email ? "true" : undefined}
          aria-describedby={describedBy("email")}
          onInput={(e) => update("email", e.currentTarget.value)}
          onBlur={() => blur("email")}
        />
      </Field>
      <Field name="company" label="Company (optional)" error={errors.company}>
        <input
          id="lead-company"
          name="company"
          type="text"
          autocomplete="organization"
          maxLength={120}
          value={str("company")}
          aria-invalid={errors.company ? "true" : undefined}
          aria-describedby={describedBy("company")}
          onInput={(e) => update("company", e.currentTarget.value)}
        />
      </Field>
      <Field
        name="companyUrl"
        label="Company website (optional)"
        hint="We read this page to learn about your company before we reply."
        error={errors.companyUrl}
      >
        <input
          id="lead-companyUrl"
          name="companyUrl"
          type="url"
          autocomplete="url"
          inputMode="url"
          maxLength={300}
          placeholder="https://"
          value={str("companyUrl")}
          aria-invalid={errors.companyUrl ? "true" : undefined}
          aria-describedby={describedBy("companyUrl", true)}
          onInput={(e) => update("companyUrl", e.currentTarget.value)}
          onBlur={() => blur("companyUrl")}
        />
      </Field>
      <Field
        name="message"
        label={full ? "How can we help?" : "What would you like to automate?"}
        hint="A few sentences about your team and the work you want agents to do."
        error={errors.message}
      >
        <textarea
          id="lead-message"
          name="message"
          rows={full ? 6 : 4}
          maxLength={5000}
          required
          value={str("message")}
          aria-invalid={errors.message ? "true" : undefined}
          aria-describedby={describedBy("message", true)}
          onInput={(e) => update("message", e.currentTarget.value)}
          onBlur={() => blur("message")}
        >
          {str("message")}
        </textarea>
      </Field>
      <div class="hp-field" aria-hidden="true">
        <label for={`lead-website-${source}`}>Leave this field empty</label>
        <input
          id={`lead-website-${source}`}
          name="website"
          type="text"
          tabIndex={-1}
          autocomplete="off"
        />
      </div>
      <div class={errors.consent ? "field has-error" : "field"}>
        <label class="check" for="lead-consent">
          <input
            id="lead-consent"
            name="consent"
            type="checkbox"
            checked={values.consent === true || values.consent === "on"}
            aria-invalid={errors.consent ? "true" : undefined}
            aria-describedby="lead-consent-error"
            onChange={(e) => update("consent", e.currentTarget.checked ? "on" : false)}
          />
          <span>
            You may store these details and contact me about my request (see our{" "}
            <a href="/privacy">privacy policy</a>).
          </span>
        </label>
        <p class="field-error" id="lead-consent-error" aria-live="polite">
          {errors.consent ?? ""}
        </p>
      </div>
      {captcha.kind === "hcaptcha" && <div class="hcaptcha-box" ref={hcaptchaBox} />}
      <div class="actions">
        <button type="submit" disabled={status === "sending"}>
          {status === "sending" ? "Sending…" : full ? "Send message" : "Talk to sales"}
        </button>
        {captcha.kind === "altcha" && (
          <span class="muted form-note">
            Protected by a privacy-friendly proof-of-work check; no tracking.
          </span>
        )}
      </div>
    </form>
  );
}
