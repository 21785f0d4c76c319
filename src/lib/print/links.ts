/**
 * How links read on paper: a short URL a person can type, and which links also
 * get a QR code a phone can scan.
 */
import { decodePath } from '../../guide/addresses.ts';

/** Query parameters that only choose a language or track a campaign: a reader need not type them. */
const NOISE_PARAMS = /^(hl|l|lang|ref|utm_[a-z]+)$/i;

/** App stores: a phone is where the app goes, so their links get a QR code on paper. */
export const QR_HOSTS = ['apps.apple.com', 'play.google.com'] as const;

/**
 * `https://www.example.no/a/b/?hl=nb#x` → `example.no/a/b`: no scheme, no "www.", no
 * trailing slash, no fragment, and no query parameters that only pick a language.
 */
export function readableUrl(url: string): string {
  const parsed = new URL(url);
  const host = parsed.host.replace(/^www\./, '');
  const path = parsed.pathname === '/' ? '' : parsed.pathname.replace(/\/$/, '');
  const kept = [...parsed.searchParams].filter(([name]) => !NOISE_PARAMS.test(name));
  const query = kept.length ? `?${new URLSearchParams(kept).toString()}` : '';
  const scheme = parsed.protocol === 'https:' || parsed.protocol === 'http:' ? '' : `${parsed.protocol}//`;
  return `${scheme}${host}${decodePath(path)}${query}`;
}

/** True for links that should carry a QR code: app stores, and the portal when its URL is set. */
export function wantsQrCode(url: string, portalUrl?: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  if ((QR_HOSTS as readonly string[]).includes(parsed.host)) return true;
  if (!portalUrl) return false;
  const portal = new URL(portalUrl);
  return parsed.host === portal.host && parsed.pathname.startsWith(portal.pathname);
}

/** http(s) URLs that leave the site. */
export function isExternal(href: string): boolean {
  return /^https?:\/\//i.test(href);
}
