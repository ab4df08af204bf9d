import { addressLine, siteConfig } from "../lib/site_config.ts";

/** The site footer: contact details, product and resource links, legal links and cookie settings. */
export function Footer() {
  const c = siteConfig.contact;
  const address = addressLine();
  const year = new Date().getUTCFullYear();
  return (
    <footer class="site-footer">
      <div class="wrap">
        <div class="footer-grid">
          <div>
            <h2>{siteConfig.name}</h2>
            <p>{siteConfig.tagline}.</p>
            <address>
              {address && (
                <>
                  {address}
                  <br />
                </>
              )}
              <a href={`mailto:${c.email}`}>{c.email}</a>
              {c.phone && (
                <>
                  <br />
                  <a href={`tel:${c.phone.replace(/\s+/g, "")}`}>{c.phone}</a>
                </>
              )}
            </address>
          </div>
          <nav aria-label="Product">
            <h2>Product</h2>
            <ul>
              {siteConfig.footer.product.map((l) => (
                <li key={l.href}>
                  <a href={l.href}>{l.label}</a>
                </li>
              ))}
            </ul>
          </nav>
          <nav aria-label="Resources">
            <h2>Resources</h2>
            <ul>
              {siteConfig.footer.resources.map((l) => (
                <li key={l.href}>
                  <a href={l.href}>{l.label}</a>
                </li>
              ))}
            </ul>
          </nav>
          <nav aria-label="Legal">
            <h2>Legal</h2>
            <ul>
              {siteConfig.legal.map((l) => (
                <li key={l.href}>
                  <a href={l.href}>{l.label}</a>
                </li>
              ))}
              <li>
                <a href={siteConfig.cookieSettingsHref}>Cookie settings</a>
              </li>
            </ul>
          </nav>
        </div>
        <div class="footer-base">
          <p>© {year} {siteConfig.legalName}</p>
          {siteConfig.social.length > 0 && (
            <ul class="actions" aria-label="Social links">
              {siteConfig.social.map((s) => (
                <li key={s.href}>
                  <a href={s.href} rel="me noopener">{s.label}</a>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </footer>
  );
}
