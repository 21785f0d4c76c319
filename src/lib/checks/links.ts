/**
 * Links as editors write them: internal links are site paths in the page's own
 * language (`/en/bankid/`), external links are complete https:// addresses on a listed
 * host (src/guide/addresses.ts judges every address; the compile reports the pages' own).
 * Checked on the MDX links the compile recorded, the frontmatter and the site settings
 * before anything is built; fragments (`#step`) are checked on the built pages.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { visit as visitYaml, type Scalar } from 'yaml';
import { defaultLocale, isLocale, localeNames, locales, type Locale } from '../../i18n/locales.ts';
import { inLocale, localeOfPath, RESERVED_SLUGS, searchPath } from '../../guide/routing.ts';
import { judgeAddress } from '../../guide/addresses.ts';
import { site } from '../../site.config.ts';
import { didYouMean } from '../suggest.ts';
import { problem, type Problem, type SourcePosition } from './problems.ts';
import { sitePages, type GuideFile, type Project } from './project.ts';
import { LineIndex } from '../../guide/source-text.ts';

/** Files whose string literals hold external links: the site settings and the app registry. */
export const SETTINGS_FILES = ['src/site.config.ts', 'src/lib/apps.ts'];

interface SiteIndex {
  /** Published pages and fixed routes. */
  targets: Set<string>;
  /** Draft pages and the file that makes them drafts. */
  drafts: Map<string, string>;
  publicFiles: Set<string>;
}

export function siteIndex(project: Project): SiteIndex {
  const published = sitePages(project);
  const targets = new Set([...published.keys(), ...locales.map(searchPath)]);
  const drafts = new Map<string, string>();
  for (const [path, page] of sitePages(project, { includeDrafts: true })) {
    if (!targets.has(path)) drafts.set(path, page.source.draft ? page.source.file : `src/content/guides/${defaultLocale}/${page.slug}.mdx`);
  }
  return { targets, drafts, publicFiles: project.publicFiles };
}

/** Why an internal link written on a page in `locale` is wrong, or undefined when it is right. */
export function internalLinkProblem(index: SiteIndex, path: string, locale: Locale): { rule: string; message: string } | undefined {
  const hasExtension = /\.[a-z0-9]+$/i.test(path.split('/').pop() ?? '');
  if (hasExtension) {
    // Files the build makes (PDFs, images) are checked on the built site.
    return undefined;
  }
  if (index.publicFiles.has(path)) return undefined;
  // The site's own paths (print pages, images, PDFs, the search index) are made by the build: checked on the built site.
  const [first, second] = path.split('/').slice(1);
  const own = first !== undefined && isLocale(first) && first !== defaultLocale ? second : first;
  if (!index.targets.has(path) && own !== undefined && RESERVED_SLUGS.includes(own)) return undefined;
  if (!index.targets.has(path)) {
    const draft = index.drafts.get(path);
    if (draft) return { rule: 'link/missing-page', message: `"${path}" is a draft (draft: true in ${draft}) and is not published: link to it when it is` };
    if (!path.endsWith('/') && index.targets.has(`${path}/`)) {
      return { rule: 'link/missing-page', message: `"${path}" needs a "/" at the end: write "${path}/"` };
    }
    const sameLocale = [...index.targets].filter((t) => localeOfPath(t) === locale);
    const hint = didYouMean(path, sameLocale) || didYouMean(path, index.targets);
    return { rule: 'link/missing-page', message: `"${path}" is not a page of the site${hint}` };
  }
  const target = localeOfPath(path);
  if (target !== locale) {
    const own = inLocale(path, locale);
    if (index.targets.has(own)) {
      return {
        rule: 'link/wrong-locale',
        message: `"${path}" leads to the ${localeNames[target]} page, away from this page's language (${localeNames[locale]}): link to "${own}"`,
      };
    }
  }
  return undefined;
}

/** A URL written somewhere in the sources, with where it is written. */
export interface WrittenLink {
  url: string;
  at: SourcePosition;
  /** The language of the page it is on; undefined for settings. */
  locale?: Locale;
  /** Written in a page's MDX: the compile has judged the address already. */
  inPage?: boolean;
  /** An image's address: it must be a file of the site. */
  image?: boolean;
}

/** String values in the frontmatter that look like links, e.g. a future `seeAlso: /en/bankid/`. */
function frontmatterLinks(guide: GuideFile): WrittenLink[] {
  const source = guide.frontmatter;
  if (!source) return [];
  const found: WrittenLink[] = [];
  visitYaml(source.doc, {
    Scalar(key, node: Scalar) {
      if (key === 'key' || typeof node.value !== 'string' || !node.range) return;
      const value = node.value.trim();
      if (!/^([a-z][a-z0-9+.-]*:\/\/|javascript:|mailto:|tel:|\/)/i.test(value) && !/^www\./i.test(value)) return;
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
      found.push({ url: value, at: source.lines.at(source.offset + node.range[0] + (quoted ? 1 : 0)), locale: guide.locale });
    },
  });
  return found;
}

/** Every link written in a page: MDX links, href props and frontmatter values. */
export function pageLinks(guide: GuideFile): WrittenLink[] {
  const written: WrittenLink[] = [];
  for (const link of guide.record?.links ?? []) {
    written.push({ url: link.url, at: guide.lines.at(link.offset), locale: guide.locale, inPage: true, image: link.kind === 'image' });
  }
  written.push(...frontmatterLinks(guide));
  return written;
}

/** Web addresses written as string literals in the site settings and the app registry. */
export function settingsLinks(root: string): WrittenLink[] {
  const found: WrittenLink[] = [];
  for (const file of SETTINGS_FILES) {
    const path = join(root, file);
    if (!existsSync(path)) continue;
    const text = readFileSync(path, 'utf8');
    const lines = new LineIndex(file, text);
    for (const match of text.matchAll(/(['"`])([a-z][a-z0-9+.-]*:\/\/[^'"`\s$]*)/gi)) {
      found.push({ url: match[2]!, at: lines.at(match.index + 1) });
    }
  }
  return found;
}

export function checkLinks(project: Project): Problem[] {
  const problems: Problem[] = [];
  const index = siteIndex(project);
  const check = (link: WrittenLink) => {
    const settings = link.locale === undefined;
    const judged = judgeAddress(link.url, settings ? { contacts: true } : { hosts: site.linkHosts, use: link.image ? 'image' : 'link' });
    if (!judged.ok) {
      if (!link.inPage) problems.push(problem(link.at, judged.problem.rule, judged.problem.message));
      return;
    }
    const target = judged.address;
    if (target.kind === 'internal' && link.locale) {
      const wrong = internalLinkProblem(index, target.path, link.locale);
      if (wrong) problems.push(problem(link.at, wrong.rule, wrong.message));
    } else if (target.kind === 'internal') {
      problems.push(problem(link.at, 'link/malformed', `"${link.url}" must be a full https:// address here`));
    }
  };
  for (const guide of project.guides) pageLinks(guide).forEach(check);
  settingsLinks(project.root).forEach(check);
  return problems;
}
