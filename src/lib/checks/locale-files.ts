/**
 * Folders of editors' lists kept one file per language (src/search/, src/terms/): any other
 * file there is a mistake (a misspelt language, a note left behind), reported at line 1.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isLocale, locales } from '../../i18n/locales.ts';
import { problem, type Problem } from './problems.ts';

/** `dir` (from the project root) holds `<locale>.yaml` files only; `what` names them for the message. */
export function strayLocaleFiles(root: string, dir: string, rule: string, what: string): Problem[] {
  if (!existsSync(join(root, dir))) return [];
  return readdirSync(join(root, dir))
    .filter((name) => !(name.endsWith('.yaml') && isLocale(name.slice(0, -'.yaml'.length))))
    .map((name) => problem({ file: `${dir}/${name}`, line: 1, column: 1 }, rule, `${what} are kept per language: ${locales.map((l) => `${l}.yaml`).join(', ')}`));
}
