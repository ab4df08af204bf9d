/** Why an OAuth/OIDC sign-in failed, as a reason code and a friendly page. */
import * as oauth from "oauth4webapi";

/** Reason codes (logged and audited; no personal data). */
export type FailureReason =
  | "denied"
  | "provider_error"
  | "state_invalid"
  | "browser_mismatch"
  | "provider_unavailable"
  | "code_rejected"
  | "id_token_invalid"
  | "no_verified_email";

const PAGES: Record<FailureReason, { status: number; title: string; message: string }> = {
  denied: {
    status: 400,
    title: "Sign-in cancelled",
    message: "The sign-in was cancelled at the provider, so you are not signed in.",
  },
  provider_error: {
    status: 400,
    title: "The provider refused the sign-in",
    message: "The sign-in provider answered with an error. Please try again.",
  },
  state_invalid: {
    status: 400,
    title: "This sign-in has expired",
    message:
      "This sign-in was already used or took longer than 10 minutes. Please start again from the sign-in page.",
  },
  browser_mismatch: {
    status: 400,
    title: "This sign-in was started elsewhere",
    message:
      "This sign-in was started in another browser or tab. Please start again from the sign-in page.",
  },
  provider_unavailable: {
    status: 502,
    title: "The sign-in provider is not answering",
    message:
      "We could not reach the sign-in provider. Please try again in a moment, or sign in with an e-mail link.",
  },
  code_rejected: {
    status: 400,
    title: "The provider did not accept this sign-in",
    message: "The sign-in could not be verified with the provider. Please start again.",
  },
  id_token_invalid: {
    status: 400,
    title: "The sign-in could not be verified",
    message: "The provider's answer did not pass our checks. Please start again.",
  },
  no_verified_email: {
    status: 400,
    title: "No verified e-mail address",
    message:
      "Your account at the provider has no verified e-mail address we can use. Verify one there, or sign in with an e-mail link.",
  },
};

/** A failed sign-in: thrown by the flow, rendered as a friendly page by the routes. */
export class OAuthFailure extends Error {
  readonly status: number;
  readonly title: string;
  /** Builds the failure for a reason code. */
  constructor(readonly reason: FailureReason, options?: { cause?: unknown }) {
    super(PAGES[reason].message, options);
    this.name = "OAuthFailure";
    this.status = PAGES[reason].status;
    this.title = PAGES[reason].title;
  }
}

const TOKEN_CHECKS = new Set<string>([
  oauth.JWT_TIMESTAMP_CHECK,
  oauth.JWT_CLAIM_COMPARISON,
  oauth.KEY_SELECTION,
  oauth.JSON_ATTRIBUTE_COMPARISON,
]);

/** True when `error` means the provider could not be reached or failed on its side. */
function unreachable(error: unknown): boolean {
  if (error instanceof TypeError && !(error as { code?: string }).code) return true;
  if (error instanceof DOMException) return true; // timeout / abort
  const cause = (error as { cause?: unknown })?.cause;
  if (cause instanceof Response) return cause.status >= 500;
  const status = (error as { status?: number })?.status;
  return typeof status === "number" && status >= 500;
}

/** Maps an error from a provider step to a failure (`step`: where it happened). */
export function classify(error: unknown, step: "discovery" | "token" | "profile"): OAuthFailure {
  if (error instanceof OAuthFailure) return error;
  if (step === "discovery" || unreachable(error)) {
    return new OAuthFailure("provider_unavailable", { cause: error });
  }
  const code = (error as { code?: string })?.code;
  if (step === "token" && code && TOKEN_CHECKS.has(code)) {
    return new OAuthFailure("id_token_invalid", { cause: error });
  }
  if (step === "profile") return new OAuthFailure("provider_unavailable", { cause: error });
  return new OAuthFailure("code_rejected", { cause: error });
}
