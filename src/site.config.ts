import { trustSettingNames } from './guide/trusts.ts';

/**
 * Site settings: what is the same for every trust. What differs from trust to trust
 * (names, addresses, the service desk, the login methods offered) is in src/trusts/,
 * one file per trust; pages show it through <Setting> and <ServiceDesk>, and no trust
 * name is written into content.
 */
export interface SiteSettings {
  /** The regional health authority. */
  organisation: string;
  /** Where the access to the external portal is ordered. */
  accessPortalName: string;
  /**
   * Months after a page's lastReviewed before its review is due: the page says so to its
   * readers, and the checks warn its owner.
   */
  reviewMonths: number;
  /**
   * The only hosts a page may link to with https://. Pages come from pull requests: a new
   * host is a decision for a reviewer, not a line an editor slips in.
   */
  linkHosts: readonly string[];
}

export const site: SiteSettings = {
  organisation: 'Helse Sør-Øst',
  accessPortalName: 'Tilgangsportalen (BAT)',
  reviewMonths: 12,
  linkHosts: ['www.buypass.no', 'www.bankid.no', 'www.commfides.com', 'apps.apple.com', 'play.google.com'],
};

/** Settings that are the same for every trust, by the name <Setting name="…" /> uses. */
export const fixedSettings = {
  organisation: site.organisation,
  accessPortalName: site.accessPortalName,
} as const;

/** Every name <Setting name="…" /> accepts: the fixed settings and the trust's values. */
export const settingNames = ['organisation', 'accessPortalName', ...trustSettingNames] as const;
export type SettingName = (typeof settingNames)[number];
