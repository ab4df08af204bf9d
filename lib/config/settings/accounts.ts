/** Settings rows: mail and the sign-in providers. */
import { z } from "zod";
import { optional, type Spec, url } from "../spec_kit.ts";

/** Mail and the sign-in providers. */
export const accountsSettings = {
  SMTP_URL: {
    description:
      "SMTP server for outgoing mail as one URL (smtp://user:pass@host:587 or smtps://...:465). " +
      "Without SMTP_URL or SMTP_HOST, mail goes to the development outbox (/dev/outbox).",
    defaultDoc: null,
    secret: true,
    requiredIn: [],
    schema: optional.refine((v) => v === undefined || /^smtps?:\/\/[^/]/.test(v), {
      message: "SMTP_URL must be an smtp:// or smtps:// URL",
    }),
  },
  SMTP_HOST: {
    description: "SMTP server host name (alternative to SMTP_URL, with SMTP_PORT/USER/PASS).",
    defaultDoc: null,
    secret: false,
    requiredIn: [],
    schema: optional,
  },
  SMTP_PORT: {
    description: "SMTP server port (465 means implicit TLS; others use STARTTLS when offered).",
    defaultDoc: "587",
    default: () => "587",
    secret: false,
    requiredIn: [],
    schema: z.coerce.number({ error: "SMTP_PORT must be a number" }).int(
      "SMTP_PORT must be an integer",
    )
      .min(1, "SMTP_PORT must be 1-65535").max(65535, "SMTP_PORT must be 1-65535"),
  },
  SMTP_USER: {
    description: "SMTP user name, when the server wants one.",
    defaultDoc: null,
    secret: false,
    requiredIn: [],
    schema: optional,
  },
  SMTP_PASS: {
    description: "SMTP password.",
    defaultDoc: null,
    secret: true,
    requiredIn: [],
    schema: optional,
  },
  SMTP_FROM: {
    description: "Sender of outgoing mail.",
    defaultDoc: '"Relay <no-reply@HOST of PUBLIC_URL>"',
    default: (_env, raw) =>
      `Relay <no-reply@${
        raw.PUBLIC_URL && URL.canParse(raw.PUBLIC_URL)
          ? new URL(raw.PUBLIC_URL).hostname
          : "localhost"
      }>`,
    secret: false,
    requiredIn: [],
    schema: z.string().min(3, "SMTP_FROM is empty"),
  },
  GITHUB_CLIENT_ID: {
    description:
      "GitHub OAuth app client id. With GITHUB_CLIENT_SECRET: the GitHub sign-in button.",
    defaultDoc: null,
    secret: false,
    requiredIn: [],
    schema: optional,
  },
  GITHUB_CLIENT_SECRET: {
    description: "GitHub OAuth app client secret.",
    defaultDoc: null,
    secret: true,
    requiredIn: [],
    schema: optional,
  },
  GITHUB_BASE_URL: {
    description: "GitHub web origin (authorize and token endpoints); GitHub Enterprise or tests.",
    defaultDoc: "https://github.com",
    default: () => "https://github.com",
    secret: false,
    requiredIn: [],
    schema: url("GITHUB_BASE_URL").transform((v) => v.replace(/\/+$/, "")),
  },
  GITHUB_API_URL: {
    description: "GitHub REST API origin (user and e-mail look-ups).",
    defaultDoc: "https://api.github.com",
    default: () => "https://api.github.com",
    secret: false,
    requiredIn: [],
    schema: url("GITHUB_API_URL").transform((v) => v.replace(/\/+$/, "")),
  },
  GOOGLE_CLIENT_ID: {
    description: "Google OAuth client id. With GOOGLE_CLIENT_SECRET: the Google sign-in button.",
    defaultDoc: null,
    secret: false,
    requiredIn: [],
    schema: optional,
  },
  GOOGLE_CLIENT_SECRET: {
    description: "Google OAuth client secret.",
    defaultDoc: null,
    secret: true,
    requiredIn: [],
    schema: optional,
  },
  GOOGLE_ISSUER: {
    description: "Google's OpenID Connect issuer (discovery at /.well-known/openid-configuration).",
    defaultDoc: "https://accounts.google.com",
    default: () => "https://accounts.google.com",
    secret: false,
    requiredIn: [],
    schema: url("GOOGLE_ISSUER").transform((v) => v.replace(/\/+$/, "")),
  },
  OIDC_ISSUER: {
    description:
      "Issuer URL of any OpenID Connect provider (Okta, Entra ID, Keycloak, Auth0...). With " +
      "OIDC_CLIENT_ID: a single sign-on button.",
    defaultDoc: null,
    secret: false,
    requiredIn: [],
    schema: url("OIDC_ISSUER").transform((v) => v.replace(/\/+$/, "")).optional(),
  },
  OIDC_CLIENT_ID: {
    description: "Client id registered with the OIDC issuer.",
    defaultDoc: null,
    secret: false,
    requiredIn: [],
    schema: optional,
  },
  OIDC_CLIENT_SECRET: {
    description:
      "Client secret registered with the OIDC issuer (absent: a public client, PKCE only).",
    defaultDoc: null,
    secret: true,
    requiredIn: [],
    schema: optional,
  },
  OIDC_NAME: {
    description: "Label of the generic OIDC button on the sign-in page.",
    defaultDoc: "Single sign-on",
    default: () => "Single sign-on",
    secret: false,
    requiredIn: [],
    schema: z.string().min(1, "OIDC_NAME is empty").max(40, "OIDC_NAME is too long"),
  },
} satisfies Record<string, Spec>;
