import { defaultLocale, type Locale } from '../../i18n/locales.ts';

/** The first part of every PDF's file name; fixed so links and bookmarks to the files stay valid. */
export const PDF_BASENAME = 'logg-inn-hjemmefra';

/** Where the export writes the PDFs, relative to the built site (and to its URL base). */
export const PDF_DIR = 'pdf';

/** The manifest the site builds so the exporter knows which pages to print, relative to the built site. */
export const PRINT_MANIFEST = 'print/manifest.json';

/** The print route's segment: `/print/`, `/nn/print/`, `/print/bankid/`. */
export const PRINT_SEGMENT = 'print';

/** `logg-inn-hjemmefra-nb.pdf` for the whole guide, `logg-inn-hjemmefra-nb-bankid.pdf` for a handout. */
export function pdfFileName(locale: Locale, slug?: string): string {
  return `${PDF_BASENAME}-${locale}${slug ? `-${slug}` : ''}.pdf`;
}

/** The site path of a PDF, without the deploy base: `/pdf/logg-inn-hjemmefra-nb.pdf`. */
export function pdfPath(locale: Locale, slug?: string): string {
  return `/${PDF_DIR}/${pdfFileName(locale, slug)}`;
}

/** The site path of a print page, without the deploy base: `/print/`, `/en/print/bankid/`. */
export function printPath(locale: Locale, slug?: string): string {
  const prefix = locale === defaultLocale ? '/' : `/${locale}/`;
  return `${prefix}${PRINT_SEGMENT}/${slug ? `${slug}/` : ''}`;
}

/** One document the exporter prints: a print page and the PDF it becomes. */
export interface PrintTarget {
  kind: 'guide' | 'handout';
  locale: Locale;
  /** The guide page a handout prints; absent for the whole guide. */
  slug?: string;
  /** Site path of the print page, without the deploy base. */
  path: string;
  /** File name in the PDF folder. */
  file: string;
  /** The document's title, for the log. */
  title: string;
}

export interface PrintManifest {
  /** The deploy base the site was built with, so the export serves it at the same path. */
  base: string;
  targets: PrintTarget[];
}
