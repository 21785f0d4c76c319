/**
 * The apps the guide tells people to install. A store URL is written here once;
 * <AppStoreLinks app="…"> shows it on every page that needs it.
 */
export interface AppEntry {
  name: string;
  appStore: string;
  googlePlay: string;
}

export const apps = {
  'buypass-id': {
    name: 'Buypass ID',
    appStore: 'https://apps.apple.com/no/app/buypass-id-og-betaling/id382614067?l=nb',
    googlePlay: 'https://play.google.com/store/apps/details?id=no.buypass.mobile.android.mid2&hl=nb',
  },
} as const satisfies Record<string, AppEntry>;

export type AppId = keyof typeof apps;

export function isAppId(value: unknown): value is AppId {
  return typeof value === 'string' && Object.hasOwn(apps, value);
}

/** `apps.apple.com/no/app/…` : the URL without scheme, query and trailing slash, for print. */
export function shortUrl(url: string): string {
  const parsed = new URL(url);
  const path = parsed.pathname.replace(/\/$/, '');
  const id = parsed.searchParams.get('id');
  return `${parsed.host}${path}${id ? `?id=${id}` : ''}`;
}
