import { Notice } from "./Notice.tsx";

/** What a failed OAuth/OIDC sign-in page shows. */
export interface OAuthFailureData {
  title: string;
  message: string;
  requestId: string;
}

/** The friendly page for a failed OAuth/OIDC sign-in, with a way back to the sign-in page. */
export function OAuthFailurePage({ data }: { data: OAuthFailureData }) {
  return (
    <Notice
      title={data.title}
      message={data.message}
      action={{ href: "/signin", label: "Back to sign-in" }}
      reference={data.requestId}
    />
  );
}
