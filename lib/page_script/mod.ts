/**
 * The page script (fresh.config.ts `islands.pageScript`): what every page runs in the browser
 * before any island, in plain DOM code so a page without islands loads nothing else: the
 * consent banner, and page tracking, loaded only on tracked pages of visitors who accepted
 * analytics (it would record nothing for the others).
 */
import { consentInBrowser } from "../consent.ts";
import { startConsentBanner } from "./consent_banner.ts";

startConsentBanner();
if (document.body.hasAttribute("data-track-page") && consentInBrowser().analytics) {
  import("./page_tracking.ts").then((m) => m.startPageTracking(() => consentInBrowser().analytics));
}
