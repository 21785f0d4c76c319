/**
 * The trusts (helseforetak) the guide is built for: one YAML file per trust in src/trusts/,
 * read and checked here, every mistake reported at its line. The same pages serve every
 * trust; a trust's file holds what differs: its names, addresses, service desk, the login
 * methods it offers and text only it shows.
 *
 * Every value is confirmed or not. Written plainly, a value is confirmed: someone at the
 * trust has checked it. Written under `unconfirmed:`, it is not (a guess, or nothing yet):
 *
 *   phone: 22 11 80 80          # confirmed
 *   phone:
 *     unconfirmed: 22 11 80 80  # a guess: a preview shows it marked
 *   phone:
 *     unconfirmed:              # not known yet: a preview says so
 *
 * A production build refuses every unconfirmed value its pages would show
 * (src/guide/trust-values.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'astro/zod';
import { isMap, isScalar } from 'yaml';
import { locales, type Locale } from '../i18n/locales.ts';
import { loginMethods, METHOD_ID, METHODS_FILE, readLoginMethods, type LoginMethod } from '../lib/methods.ts';
import { problem, type Problem } from '../lib/checks/problems.ts';
import { didYouMean, misspeltField, misspeltKeys, writtenKey } from '../lib/suggest.ts';
import { LineIndex, type SourcePosition } from './source-text.ts';
import { isReadable, parseYaml, yamlKey, yamlKeys, yamlNode, yamlPosition, type YamlSource } from './yaml-source.ts';

/** Where the trust files are, relative to the project. */
export const TRUSTS_DIR = 'src/trusts';

/** The seed's placeholder trust, "xxHF": what a plain `npm run build` builds. */
export const TEMPLATE_TRUST = 'xxhf';

/** A trust id: the file's name, lower-case letters, digits and hyphens. */
export const TRUST_ID = /^[a-z][a-z0-9-]*$/;

/** One value of a trust's file, where it is written, and whether it is confirmed. */
export interface TrustValue<T> {
  /** The value; null when it is unconfirmed and not known yet. */
  value: T | null;
  confirmed: boolean;
  /** Where the value is written: the trust's file and line. */
  at: SourcePosition;
}

const text = (what: string, example: string) =>
  z.string({ error: `${what} must be text, e.g. ${example}` }).trim().min(1, { error: `${what} is empty: write it, e.g. ${example}` });

const https = (what: string, example: string) =>
  z
    .string({ error: `${what} must be an address, e.g. ${example}` })
    .trim()
    .refine((value) => URL.canParse(value) && new URL(value).protocol === 'https:' && !/[\s<>"'`\\]/.test(value), {
      error: `${what} must be a whole https:// address, e.g. ${example}`,
    });

/** An address that other addresses are made from: it ends with a slash. */
const folder = (what: string, example: string) =>
  https(what, example).refine((value) => value.endsWith('/'), { error: `${what} must end with a slash (/), e.g. ${example}` });

const perLocale = (what: string) =>
  z.strictObject(Object.fromEntries(locales.map((l) => [l, text(`${what} (${l})`, `${l}: …`)])) as Record<Locale, z.ZodString>, {
    error: `${what} must be written in each language: ${locales.map((l) => `${l}: …`).join(', ')}`,
  });

/** The ids of login methods; each must be in src/content/methods.yaml (checked in readTrust, against the project's list). */
const methods = z
  .array(
    z.string({ error: 'each method must be the id of a login method, e.g. bankid' }).regex(METHOD_ID, {
      error: (issue) => `"${String(issue.input)}" is not a login method's id: a-z, 0-9 and single dashes, e.g. bankid`,
    }),
    { error: `methods must be a list, e.g. [${loginMethods.slice(0, 2).join(', ')}]` },
  )
  .min(1, { error: 'methods is empty: list at least one login method the trust offers' })
  .refine((list) => new Set(list).size === list.length, { error: 'methods lists a method twice' });

/**
 * The trust's methods that are not in the project's list of login methods, each at its line.
 * While the list itself has a mistake, nothing here: the list's own check reports it once.
 */
function unknownMethods(root: string, source: YamlSource, listed: TrustValue<string[]>): Problem[] {
  const known = readLoginMethods(root);
  if (listed.value === null || known.problems.some((p) => p.severity === 'error')) return [];
  const ids = known.methods.map((m) => m.id);
  const methodsKey = writtenPath(source, ['methods']);
  const path = listed.confirmed ? methodsKey : [...methodsKey, 'unconfirmed'];
  return listed.value.flatMap((method, index) =>
    ids.includes(method)
      ? []
      : [
          problem(
            yamlPosition(source, [...path, index]),
            'trust/field',
            `"${method}" is not a login method${didYouMean(method, ids)}; the methods are: ${ids.join(', ')}. A new login method is added to ${METHODS_FILE} first`,
          ),
        ],
  );
}

/**
 * Every value a trust's file holds, by its path in the file, each with its schema. Each
 * may be written plainly (confirmed) or under `unconfirmed:`.
 */
export const trustFields = {
  'names.full': text('names.full', 'Oslo universitetssykehus HF'),
  'names.short': text('names.short', 'OUS'),
  'names.portal': text('names.portal (as in "Ekstern portal OUS")', 'OUS'),
  siteUrl: folder('siteUrl', 'https://intranett.example.no/logg-inn-hjemmefra/'),
  portalUrl: https('portalUrl', 'https://eksternportal.example.no/'),
  'serviceDesk.name': text('serviceDesk.name', 'IT-brukerstøtte OUS'),
  'serviceDesk.phone': text('serviceDesk.phone', '22 11 80 80').refine((v) => /^\+?[\d ]{3,20}$/.test(v), {
    error: 'serviceDesk.phone must be digits and spaces, e.g. 22 11 80 80 or +47 22 11 80 80',
  }),
  'serviceDesk.hours': perLocale('serviceDesk.hours'),
  'serviceDesk.url': https('serviceDesk.url', 'https://www.example.no/it-hjelp'),
  methods,
  editUrl: folder('editUrl', 'https://github.com/helse-sor-ost/logg-inn-hjemmefra/edit/main/'),
} as const;

export type TrustField = keyof typeof trustFields;
type FieldType<F extends TrustField> = z.output<(typeof trustFields)[F]>;

/** The values a page can show, by name, and the field of the trust's file each comes from. */
export const shown = {
  trustName: { field: 'names.full' },
  trustShortName: { field: 'names.short' },
  portalAccessName: { field: 'names.portal', write: (v: string) => `Ekstern portal ${v}` },
  serviceDeskName: { field: 'serviceDesk.name' },
  serviceDeskPhone: { field: 'serviceDesk.phone' },
  serviceDeskHours: { field: 'serviceDesk.hours' },
  serviceDeskUrl: { field: 'serviceDesk.url' },
  portalUrl: { field: 'portalUrl' },
  siteUrl: { field: 'siteUrl' },
  editUrl: { field: 'editUrl' },
} satisfies Record<string, { field: TrustField; write?: (v: string) => string }>;

export type ShownValue = keyof typeof shown | `note:${string}`;

/**
 * The trust values an editor can put in a page with <Setting name="…" />; `portalUrl` is
 * the external portal's address, which a reader types on a PC that is not the trust's.
 */
export const trustSettingNames = ['trustName', 'trustShortName', 'portalAccessName', 'portalUrl', 'serviceDeskName', 'serviceDeskPhone'] as const;

/** Text a trust shows at a `<TrustNote name="…" />` in a page, in each language. */
const noteSchema = perLocale('a note');
const NOTE_NAME = /^[a-z][a-z0-9-]*$/;

export interface Trust {
  id: string;
  /** The trust's file, relative to the project. */
  file: string;
  values: { [F in TrustField]: TrustValue<FieldType<F>> };
  /** Trust-specific text, by the name a page places it with. */
  notes: Map<string, TrustValue<Record<Locale, string>>>;
}

/** The login methods a trust offers, in the guide's order (all of them while unknown). */
export function offeredMethods(trust: Trust): LoginMethod[] {
  const listed = trust.values.methods.value;
  return loginMethods.filter((m) => listed === null || listed.includes(m));
}

/** A mapping `{ unconfirmed: … }` and nothing else: the value inside is not confirmed. */
function unwrap(node: unknown): { raw: unknown; confirmed: boolean } {
  if (isMap(node) && node.items.length === 1) {
    const [pair] = node.items;
    if (isScalar(pair!.key) && pair!.key.value === 'unconfirmed') {
      const inner = pair!.value;
      const empty = inner === null || (isScalar(inner) && (inner.value === null || inner.value === ''));
      return { raw: empty ? null : (inner as { toJSON(): unknown }).toJSON(), confirmed: false };
    }
  }
  if (node === null || node === undefined) return { raw: undefined, confirmed: true };
  return { raw: (node as { toJSON(): unknown }).toJSON(), confirmed: true };
}

/** The keys a trust file may have at each level. */
const structure = new Map<string, string[]>();
for (const path of [...Object.keys(trustFields), 'notes']) {
  const parts = path.split('.');
  for (let i = 0; i < parts.length; i++) {
    const parent = parts.slice(0, i).join('.');
    const keys = structure.get(parent) ?? [];
    if (!keys.includes(parts[i]!)) keys.push(parts[i]!);
    structure.set(parent, keys);
  }
}

/**
 * Keys a trust file may not have, each at its line. A misspelt field is one line, the
 * misspelt name (its value is read as the field's: readTrust, writtenPath).
 */
function unknownKeys(source: YamlSource, file: string, problems: Problem[]): void {
  const walk = (node: unknown, parent: string) => {
    if (!isMap(node)) return;
    const allowed = structure.get(parent);
    if (!allowed) return;
    const misspelt = misspeltKeys(yamlKeys(node), allowed);
    for (const pair of node.items) {
      const key = yamlKey(pair);
      const meant = misspelt.get(key);
      const path = parent ? `${parent}.${meant ?? key}` : (meant ?? key);
      if (!allowed.includes(key)) {
        const at = isScalar(pair.key) && pair.key.range ? source.lines.at(pair.key.range[0]) : { file, line: 1, column: 1 };
        const where = parent ? ` in ${parent}` : '';
        problems.push(
          problem(at, 'trust/field', meant ? misspeltField(key, meant) : `unknown field "${key}"${where}${didYouMean(key, allowed)}; the fields here are: ${allowed.join(', ')}`),
        );
      }
      if ((allowed.includes(key) || meant) && structure.has(path)) walk(pair.value, path);
    }
  };
  walk(source.doc.contents, '');
}

/** A field's path as written in the file: a misspelt key (named once by unknownKeys) stands for the field it was meant to be. */
function writtenPath(source: YamlSource, path: readonly string[]): string[] {
  const written: string[] = [];
  path.forEach((key, i) => {
    const allowed = structure.get(path.slice(0, i).join('.'));
    written.push((allowed && writtenKey(yamlKeys(yamlNode(source, written)), key, allowed)) || key);
  });
  return written;
}

/** Reads and checks one trust file; the trust, or undefined when it has mistakes (in `problems`). */
export function readTrust(root: string, id: string, problems: Problem[]): Trust | undefined {
  const file = `${TRUSTS_DIR}/${id}.yaml`;
  const text = readFileSync(join(root, file), 'utf8');
  const lines = new LineIndex(file, text);
  const found: Problem[] = [];
  const source = parseYaml(text, 0, lines, 'trust/yaml', 'this trust file', found);
  if (!isReadable(source)) {
    problems.push(...found);
    return undefined;
  }
  if (!isMap(source.doc.contents)) {
    problems.push(...found, problem(lines.start(), 'trust/field', `a trust file holds the trust's fields (names:, siteUrl:, …); see ${TRUSTS_DIR}/${TEMPLATE_TRUST}.yaml`));
    return undefined;
  }
  unknownKeys(source, file, found);

  const read = (field: string[], schema: z.ZodType, what: string): TrustValue<unknown> | undefined => {
    const path = writtenPath(source, field);
    const node = yamlNode(source, path);
    const at = yamlPosition(source, path);
    const { raw, confirmed } = unwrap(node);
    if (raw === undefined) {
      found.push(problem(at, 'trust/missing', `${what} is missing: write it, or write "unconfirmed:" under it while it is not known`));
      return undefined;
    }
    if (raw === null) return { value: null, confirmed: false, at };
    const result = schema.safeParse(raw);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const inner = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
        const innerPath = confirmed ? [...path, ...inner] : [...path, 'unconfirmed', ...inner];
        found.push(problem(yamlPosition(source, innerPath), 'trust/field', issue.message));
      }
      return undefined;
    }
    return { value: result.data, confirmed, at };
  };

  const values: Partial<Record<TrustField, TrustValue<unknown>>> = {};
  for (const [field, schema] of Object.entries(trustFields) as [TrustField, z.ZodType][]) {
    const value = read(field.split('.'), schema, field);
    if (value) values[field] = value;
  }
  if (values.methods) found.push(...unknownMethods(root, source, values.methods as TrustValue<string[]>));
  const notes = new Map<string, TrustValue<Record<Locale, string>>>();
  const notesPath = writtenPath(source, ['notes']);
  const notesNode = yamlNode(source, notesPath);
  if (notesNode !== undefined && notesNode !== null) {
    if (!isMap(notesNode)) {
      found.push(problem(yamlPosition(source, notesPath), 'trust/field', 'notes holds named texts: notes: { start: { nb: …, nn: …, en: … } }'));
    } else {
      for (const pair of notesNode.items) {
        const name = isScalar(pair.key) ? String(pair.key.value) : '';
        if (!NOTE_NAME.test(name)) {
          found.push(problem(yamlPosition(source, [...notesPath, name]), 'trust/field', `"${name}" cannot name a note: use a-z, 0-9 and -, e.g. start`));
          continue;
        }
        const note = read(['notes', name], noteSchema, `the note "${name}"`);
        if (note) notes.set(name, note as TrustValue<Record<Locale, string>>);
      }
    }
  }
  problems.push(...found);
  if (found.some((p) => p.severity === 'error')) return undefined;
  return { id, file, values: values as Trust['values'], notes };
}

/** Every trust id: the files in src/trusts/. */
export function trustIds(root: string): string[] {
  const dir = join(root, TRUSTS_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => name.slice(0, -'.yaml'.length))
    .sort();
}

/** Files in src/trusts/ that cannot be a trust: a name that is no id, or not .yaml. */
export function trustFileProblems(root: string): Problem[] {
  const dir = join(root, TRUSTS_DIR);
  if (!existsSync(dir)) return [problem({ file: TRUSTS_DIR, line: 1, column: 1 }, 'trust/missing', `${TRUSTS_DIR}/ is missing: it holds one file per trust`)];
  const problems: Problem[] = [];
  for (const name of readdirSync(dir)) {
    const at = { file: `${TRUSTS_DIR}/${name}`, line: 1, column: 1 };
    if (!name.endsWith('.yaml')) problems.push(problem(at, 'trust/file', `only trust files (<id>.yaml) belong in ${TRUSTS_DIR}/`));
    else if (!TRUST_ID.test(name.slice(0, -5))) problems.push(problem(at, 'trust/file', 'a trust file is named by its id: lower-case letters, digits and -, e.g. ous.yaml'));
  }
  return problems;
}

/** Reads the trusts a build asks for; an unknown id is a problem naming the ids there are. */
export function loadTrusts(root: string, ids: readonly string[]): { trusts: Trust[]; problems: Problem[] } {
  const known = trustIds(root);
  const problems: Problem[] = trustFileProblems(root).filter((p) => ids.some((id) => p.file === `${TRUSTS_DIR}/${id}.yaml`) || !p.file.endsWith('.yaml'));
  const trusts: Trust[] = [];
  for (const id of ids) {
    if (!known.includes(id)) {
      problems.push(
        problem({ file: `${TRUSTS_DIR}/${id}.yaml`, line: 1, column: 1 }, 'trust/unknown', `there is no trust "${id}"${didYouMean(id, known)}; the trusts are: ${known.join(', ')}`),
      );
      continue;
    }
    const trust = readTrust(root, id, problems);
    if (trust) trusts.push(trust);
  }
  return { trusts, problems };
}

/** The trusts this process builds or previews: GUIDE_TRUSTS (ids, comma-separated), else the template. */
export function selectedTrustIds(env: NodeJS.ProcessEnv = process.env): string[] {
  const ids = (env.GUIDE_TRUSTS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return ids.length > 0 ? ids : [TEMPLATE_TRUST];
}

/** A production build: unconfirmed values are refused, not shown marked. */
export const isProductionBuild = (env: NodeJS.ProcessEnv = process.env) => env.GUIDE_PRODUCTION === '1';
