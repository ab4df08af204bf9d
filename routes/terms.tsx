import { LegalPage } from "../components/LegalPage.tsx";
import type { Meta, RouteConfig } from "../lib/framework/mod.ts";
import { addressLine, siteConfig } from "../lib/site_config.ts";

/** Terms metadata. */
export const meta: Meta = {
  title: "Terms of service",
  description:
    `The terms that govern use of ${siteConfig.name}: accounts, acceptable use, plans and limits, your data, and liability.`,
};

/** The same for every visitor. */
export const config: RouteConfig = { static: true };

/** The terms of service. */
export default function Terms() {
  const c = siteConfig.contact;
  return (
    <LegalPage
      title="Terms of service"
      lead={`These terms are an agreement between you and ${siteConfig.legalName} for the use of ${siteConfig.name}. Enterprise customers' signed contracts take precedence where they differ.`}
    >
      <h2>1. Your account</h2>
      <p>
        You must give accurate details when you sign up and keep your sign-in methods secure. You
        are responsible for what happens in your workspace, including the actions of members you
        invite and of API tokens you create. Tell us at once at{" "}
        <a href={`mailto:${c.supportEmail}`}>{c.supportEmail}</a> if you suspect misuse.
      </p>
      <h2>2. Acceptable use</h2>
      <p>You agree not to use the service to:</p>
      <ul>
        <li>
          break the law or infringe anyone's rights, including privacy and intellectual property;
        </li>
        <li>send spam, or generate content meant to deceive people about who wrote it;</li>
        <li>probe, overload or work around the service's limits and security controls;</li>
        <li>upload malware or content you have no right to process.</li>
      </ul>
      <h2>3. Plans, limits and payment</h2>
      <p>
        Each plan's limits (runs per day, tokens and spend per month, seats and history) are listed
        on the <a href="/pricing">pricing page</a>{" "}
        and enforced automatically. Requests over a limit are refused, not billed. Paid plans are
        charged in advance, monthly or yearly; you can cancel at any time and keep access until the
        end of the paid period.
      </p>
      <h2>4. Your data and agent output</h2>
      <p>
        You own the data you send and the output agents produce for you. We process it only to
        provide the service, as described in the{" "}
        <a href="/privacy">privacy policy</a>, and we do not use it to train models. Agent output
        can be wrong: review it before acting on it, especially where decisions affect people.
      </p>
      <h2>5. Availability</h2>
      <p>
        We aim for the service to be available at all times and publish our objectives in the
        documentation. Service credits apply only where a plan includes an uptime commitment.
      </p>
      <h2>6. Liability</h2>
      <p>
        To the extent the law allows, our total liability for any claim is limited to the fees you
        paid in the twelve months before it arose, and we are not liable for indirect or
        consequential loss. Nothing here limits liability that cannot be limited by law.
      </p>
      <h2>7. Changes and contact</h2>
      <p>
        We will give at least 30 days' notice of material changes by email and on this page. These
        terms are governed by the laws of England and Wales. Write to us at {siteConfig.legalName},
        {" "}
        {addressLine()}.
      </p>
    </LegalPage>
  );
}
