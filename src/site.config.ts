import type { Locale } from './i18n/locales.ts';

/**
 * Site settings: the one place that names the organisation, the trust and the
 * people to call. MDX pages read these through <Setting> and <ServiceDesk>;
 * no trust name is written into content.
 */
export interface SiteSettings {
  /** The regional health authority. */
  organisation: string;
  /** The trust (helseforetak) this guide is for. "xxHF" is the seed's placeholder. */
  trustName: string;
  /** Name of the access ordered in Tilgangsportalen, as it appears there. */
  portalAccessName: string;
  /** Where the access is ordered. */
  accessPortalName: string;
  /**
   * Address of the external portal (eksternportalen) for logging in from another PC.
   * Printed with a QR code in the PDFs; leave out if the trust has none.
   */
  portalUrl?: string;
  serviceDesk: {
    /** The service desk's name as employees know it. */
    name: string;
    /** Shown as written; dialled from the digits. */
    phone: string;
    url: string;
    /** Opening hours, per locale. */
    hours: Record<Locale, string>;
  };
  /** Base URL of the content folder in the repository, for "edit this page". */
  editBaseUrl: string;
  /**
   * The only hosts a page may link to with https://. Pages come from pull requests: a new
   * host is a decision for a reviewer, not a line an editor slips in.
   */
  linkHosts: readonly string[];
}

const trustName = 'xxHF';

export const site: SiteSettings = {
  organisation: 'Helse Sør-Øst',
  trustName,
  portalAccessName: `Ekstern portal ${trustName}`,
  accessPortalName: 'Tilgangsportalen (BAT)',
  // The trust fills in its own portal address, as it does its name.
  portalUrl: 'https://eksternportal.xxhf.no/',
  // The trust fills in its own service desk, as it does its name.
  serviceDesk: {
    name: `IT-brukerstøtte ${trustName}`,
    phone: '23 00 00 00',
    url: 'https://intranett.xxhf.no/it-brukerstotte',
    hours: {
      nb: 'Åpent hele døgnet, alle dager',
      nn: 'Ope heile døgnet, alle dagar',
      en: 'Open around the clock, every day',
    },
  },
  editBaseUrl: 'https://github.com/helse-sor-ost/logg-inn-hjemmefra/edit/main/',
  linkHosts: ['www.buypass.no', 'www.bankid.no', 'www.commfides.com', 'apps.apple.com', 'play.google.com', 'eksternportal.xxhf.no', 'intranett.xxhf.no'],
};

/** The settings a page can show with <Setting name="…" />, by name. */
export const settingValues = {
  organisation: site.organisation,
  trustName: site.trustName,
  portalAccessName: site.portalAccessName,
  accessPortalName: site.accessPortalName,
  serviceDeskName: site.serviceDesk.name,
  serviceDeskPhone: site.serviceDesk.phone,
} as const;

export const settingNames = Object.keys(settingValues) as [keyof typeof settingValues, ...(keyof typeof settingValues)[]];
