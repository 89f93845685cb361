/** What marks a page's site chrome (navigation, cookie banners, headers, footers, sidebars) rather than its report: by ARIA role, or by class name. */
export const CHROME_ROLES = /^(dialog|alertdialog|navigation|banner|contentinfo|complementary|search)$/i;
export const CHROME_CLASS = /(^|[\s_-])(cookie|cookies|consent|gdpr|banner|breadcrumbs?|skip|skip-link|menu|navbar|site-header|site-footer|sidebar|widget|widget-area|share|sharing|social|visually-hidden|sr-only|screen-reader-text|back-to-top|print-only)($|[\s_-])/i;
