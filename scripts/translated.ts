/**
 * npm run translated -- <language>/<page> [<language>/<page> …]
 *
 * Records that a translation is up to date with its Bokmål page as it is now: writes
 * src/content/translations/<language>/<page>.yaml with the Bokmål text of each part
 * (title, description, sections, steps). The translation report (npm run check, the dev
 * server's /_editor/status/) then calls the translation "translated" until the Bokmål
 * page changes, and names each part that changed, with the change. A translation that
 * still has the scaffold's texts, the Bokmål title or other steps than Bokmål's is refused,
 * with each problem at its line.
 *
 *   npm run translated -- en/bankid nn/bankid
 *   npm run translated -- src/content/guides/en/bankid.mdx
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultLocale, isLocale, locales } from '../src/i18n/locales.ts';
import { loadProject } from '../src/lib/checks/project.ts';
import { formatProblem } from '../src/lib/checks/problems.ts';
import { formatRecord, recordPath } from '../src/lib/checks/translations.ts';
import { unfinishedProblems } from '../src/lib/checks/unfinished.ts';

const usage = 'Usage: npm run translated -- <language>/<page> … (e.g. npm run translated -- en/bankid nn/bankid)';

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  options: { root: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
  allowPositionals: true,
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}
if (positionals.length === 0) {
  console.error(`✖ name the translation that is up to date\n${usage}`);
  process.exit(2);
}

const root = resolve(values.root ?? join(import.meta.dirname, '..'));
const project = await loadProject(root);
const targets = locales.filter((l) => l !== defaultLocale);
let failed = false;

for (const given of positionals) {
  // Either en/bankid or the page's file, src/content/guides/en/bankid.mdx.
  const match = /(?:^|\/)([a-z]{2,3})\/([a-z0-9-]+)(?:\.mdx)?$/.exec(given.replaceAll('\\', '/'));
  const locale = match?.[1];
  const slug = match?.[2];
  if (!locale || !slug || !isLocale(locale) || locale === defaultLocale) {
    console.error(`✖ ${given}: name a translation as <language>/<page>, with language one of ${targets.join(', ')}, e.g. en/bankid`);
    failed = true;
    continue;
  }
  const source = project.guides.find((g) => g.locale === defaultLocale && g.slug === slug);
  const translation = project.guides.find((g) => g.locale === locale && g.slug === slug);
  if (!source || !translation) {
    console.error(`✖ ${given}: there is no ${!source ? `Bokmål page src/content/guides/${defaultLocale}/${slug}.mdx` : `translation src/content/guides/${locale}/${slug}.mdx`}`);
    failed = true;
    continue;
  }
  if (!source.compiled) {
    console.error(`✖ ${given}: ${source.file} cannot be read (npm run check says why): fix it first`);
    failed = true;
    continue;
  }
  // Only a translation written out can be up to date: not one with the scaffold's texts, the
  // Bokmål title or other steps than Bokmål's (the same rules as for leaving draft).
  const gaps = unfinishedProblems(translation, source);
  if (gaps.length > 0) {
    console.error(`✖ ${given}: not recorded, the translation is not finished:`);
    for (const gap of gaps) console.error(`  ${formatProblem(gap)}`);
    failed = true;
    continue;
  }
  const file = recordPath(locale, slug);
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), formatRecord(source, locale));
  const draft = translation.draft ? ` It is still a draft: remove \`draft: true\` from ${translation.file} to publish it.` : '';
  console.log(`✔ ${file}: ${locale}/${slug} is recorded as up to date with ${source.file}.${draft}`);
}
process.exit(failed ? 1 : 0);
