/**
 * The login methods the guide explains: data the editors keep in src/content/methods.yaml,
 * one entry per method (its id, the choice on the "Velg elektronisk ID" screen that leads
 * to it, and the words on that choice), read and checked here with the line of every
 * mistake. A page's `method:` and a trust's `methods:` name these ids; the content checks
 * (src/lib/checks/methods.ts) hold them to the list.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isScalar, isSeq } from 'yaml';
import { problem, type Problem } from './checks/problems.ts';
import { screenshotFields } from './schemas.ts';
import { didYouMean, misspeltField, misspeltKeys, writtenKey } from './suggest.ts';
import { LineIndex, type SourcePosition } from '../guide/source-text.ts';
import { isReadable, parseYaml, yamlKey, yamlKeys, yamlNode, yamlPosition } from '../guide/yaml-source.ts';

/** Where the list is, relative to the project. */
export const METHODS_FILE = 'src/content/methods.yaml';

/** The screenshot whose regions are the choices a method starts from (src/content/screenshots/<name>.yaml). */
export const CHOICE_SCREEN = 'velg-elektronisk-id';

/** A method's id: its page's name, so a-z, 0-9 and single dashes. */
export const METHOD_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The id of a login method in src/content/methods.yaml. */
export type LoginMethod = string;

export interface LoginMethodEntry {
  id: LoginMethod;
  /** The region of the "Velg elektronisk ID" screenshot that leads to the method, e.g. buypass. */
  choice: string;
  /** The words on that choice, as the screen shows them, e.g. Buypass ID. */
  label: string;
  /** Where the entry is written. */
  at: SourcePosition;
}

export interface LoginMethodList {
  /** The entries written without a mistake, in the file's order. */
  methods: LoginMethodEntry[];
  /** Every mistake in the file, at its line. */
  problems: Problem[];
}

const FIELDS = ['id', 'choice', 'label'] as const;

/** A label is written into pages (a step's title, <Label>): on-screen words, nothing that reads as markup. */
const LABEL_FORBIDDEN = /[<>{}"`\\\n]/;

const entryExample = '"- id: bankid" with "choice: bankid" and "label: BankID" under it';

/** The project this code belongs to: the build's root (GUIDE_ROOT, set by src/integrations/trusts.ts), else the folder above src/. */
export function projectRoot(): string {
  return process.env.GUIDE_ROOT ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..');
}

/** The region names of the "Velg elektronisk ID" screenshot, or undefined when its file is missing or unreadable (its own checks say so). */
export function choiceRegions(root: string): string[] | undefined {
  const file = `src/content/screenshots/${CHOICE_SCREEN}.yaml`;
  if (!existsSync(join(root, file))) return undefined;
  const text = readFileSync(join(root, file), 'utf8');
  const source = parseYaml(text, 0, new LineIndex(file, text), 'screenshot/invalid-data', 'this file', []);
  if (!isReadable(source)) return undefined;
  // Under their key, or under a misspelling of it (which screenshot/field names once).
  const key = writtenKey(yamlKeys(source.doc.contents), 'regions', screenshotFields.file);
  return key === undefined ? [] : yamlKeys(yamlNode(source, [key]));
}

/** Reads and checks src/content/methods.yaml in the project at `root`; never throws for a mistake in it. */
export function readLoginMethods(root: string = projectRoot()): LoginMethodList {
  const path = join(root, METHODS_FILE);
  if (!existsSync(path)) {
    const missing = `${METHODS_FILE} is missing: it lists the login methods, one entry per method (${entryExample}); put it back from the repository`;
    return { methods: [], problems: [problem({ file: METHODS_FILE, line: 1, column: 1 }, 'methods/file', missing)] };
  }
  return parseLoginMethods(root, readFileSync(path, 'utf8'));
}

/** Checks `text` as the list of login methods of the project at `root` (whose screenshots give the choices). */
export function parseLoginMethods(root: string, text: string): LoginMethodList {
  const problems: Problem[] = [];
  const lines = new LineIndex(METHODS_FILE, text);
  const source = parseYaml(text, 0, lines, 'methods/yaml', 'the list of login methods', problems);
  if (!isReadable(source)) return { methods: [], problems };

  const list = source.doc.contents;
  if (list === null || (isScalar(list) && (list.value === null || list.value === ''))) {
    problems.push(problem(lines.start(), 'methods/empty', `the list of login methods is empty: write one entry per method, e.g. ${entryExample}`));
    return { methods: [], problems };
  }
  if (!isSeq(list)) {
    problems.push(problem(yamlPosition(source, []), 'methods/field', `this file is a list of login methods, each entry starting with "- id:", e.g. ${entryExample}`));
    return { methods: [], problems };
  }
  if (list.items.length === 0) {
    problems.push(problem(yamlPosition(source, []), 'methods/empty', `the list of login methods is empty: write one entry per method, e.g. ${entryExample}`));
    return { methods: [], problems };
  }

  const regions = choiceRegions(root);
  const methods: LoginMethodEntry[] = [];
  /** The line of each id's first entry. */
  const firstLine = new Map<string, number>();
  const labelOfChoice = new Map<string, LoginMethodEntry>();
  list.items.forEach((item, index) => {
    const at = yamlPosition(source, [index]);
    if (!isMap(item)) {
      problems.push(problem(at, 'methods/field', `each login method is an entry of three fields: ${entryExample}`));
      return;
    }
    const before = problems.length;
    // A misspelt field is one line, at its name; its value is read as the field's.
    const misspelt = misspeltKeys(yamlKeys(item), FIELDS);
    const writtenAs = new Map([...misspelt].map(([key, meant]) => [meant, key]));
    for (const pair of item.items) {
      const key = yamlKey(pair);
      if (!(FIELDS as readonly string[]).includes(key)) {
        const keyAt = isScalar(pair.key) && pair.key.range ? lines.at(pair.key.range[0]) : at;
        const meant = misspelt.get(key);
        problems.push(
          problem(keyAt, 'methods/field', meant ? misspeltField(key, meant) : `unknown field "${key}"${didYouMean(key, FIELDS)}; the fields of a login method are: ${FIELDS.join(', ')}`),
        );
      }
    }
    const place = (name: (typeof FIELDS)[number]) => yamlPosition(source, [index, writtenAs.get(name) ?? name]);
    const field = (name: (typeof FIELDS)[number], missing: string): string | undefined => {
      const path = [index, writtenAs.get(name) ?? name];
      const node = yamlNode(source, path);
      const value = isScalar(node) ? node.value : node;
      if (value === undefined || value === null || value === '') {
        problems.push(problem(yamlPosition(source, path), 'methods/field', `${name} is missing: ${missing}`));
        return undefined;
      }
      if (typeof value !== 'string') {
        problems.push(problem(yamlPosition(source, path), 'methods/field', `${name} must be text: ${missing}`));
        return undefined;
      }
      return value.trim();
    };
    const id = field('id', "write the method's id, which is also its page's name, e.g. id: buypass-app");
    const choice = field('choice', `write the choice on the "Velg elektronisk ID" screen that leads to this method, e.g. choice: buypass`);
    const label = field('label', 'write the words on that choice, as the screen shows them, e.g. label: Buypass ID');

    if (id !== undefined && !METHOD_ID.test(id)) {
      problems.push(problem(place('id'), 'methods/field', `id "${id}" may only use a-z, 0-9 and single dashes, e.g. buypass-app: it is the name of the method's page`));
    } else if (id !== undefined && firstLine.has(id)) {
      problems.push(problem(place('id'), 'methods/duplicate', `"${id}" is listed twice (first on line ${firstLine.get(id)}): remove one of the entries`));
    } else if (id !== undefined) {
      firstLine.set(id, place('id').line);
    }
    if (choice !== undefined && regions !== undefined && !regions.includes(choice)) {
      problems.push(
        problem(
          place('choice'),
          'methods/choice',
          `"${choice}" is not a choice on the "Velg elektronisk ID" screen${didYouMean(choice, regions)}; the choices are the regions of src/content/screenshots/${CHOICE_SCREEN}.yaml: ${regions.join(', ')} (a new choice is first drawn there as a region)`,
        ),
      );
    }
    if (label !== undefined && LABEL_FORBIDDEN.test(label)) {
      problems.push(problem(place('label'), 'methods/field', `label may hold only the on-screen words, without < > { } " \` or \\, e.g. label: Buypass ID`));
    }
    if (problems.length > before || id === undefined || choice === undefined || label === undefined) return;

    const entry: LoginMethodEntry = { id, choice, label, at };
    const other = labelOfChoice.get(choice);
    if (other && other.label !== label) {
      problems.push(
        problem(
          place('label'),
          'methods/choice',
          `${id} gives the choice ${choice} the label "${label}", and ${other.id} (line ${other.at.line}) gives it "${other.label}": a choice has one label, the words the screen shows; write them the same in both`,
        ),
      );
      return;
    }
    labelOfChoice.set(choice, entry);
    methods.push(entry);
  });
  return { methods, problems };
}

/**
 * The ids of the login methods, in the file's order, as they were when this module was
 * loaded (the dev server loads it again when the file changes: src/integrations/data-reload.ts).
 * A file with mistakes gives the entries written without one; the checks report the rest.
 */
export const loginMethods: readonly LoginMethod[] = readLoginMethods().methods.map((m) => m.id);

