/**
 * The login methods are data editors keep (src/content/methods.yaml): every mistake in the
 * list is reported at its line with what to do, by `npm run check` and by the build, never
 * as a crash; a page's or a trust's method that is not in the list is reported at the page's
 * or trust's line; and while the list itself is broken, only the list's mistake is reported.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runSourceChecks } from '../../src/lib/checks/index.ts';
import { checkMethods } from '../../src/lib/checks/methods.ts';
import { formatProblem } from '../../src/lib/checks/problems.ts';
import type { Project } from '../../src/lib/checks/project.ts';
import { loadProject } from '../../src/lib/checks/project.ts';
import { METHODS_FILE } from '../../src/lib/methods.ts';
import { copyProject } from '../support/built-site.ts';
import { today } from './helpers.ts';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

let root: string;
let project: Project;
let list: string;

beforeAll(async () => {
  root = copyProject({});
  made.push(root);
  project = await loadProject(root);
  list = readFileSync(join(root, METHODS_FILE), 'utf8');
});

/** The list's problems, as the report prints them, with the file written as `text`. */
function listProblems(text: string | undefined): string[] {
  if (text === undefined) rmSync(join(root, METHODS_FILE));
  else writeFileSync(join(root, METHODS_FILE), text);
  try {
    return checkMethods(project).map(formatProblem);
  } finally {
    writeFileSync(join(root, METHODS_FILE), list);
  }
}

const entries = (...lines: string[]) => `# The login methods.\n${lines.join('\n')}\n`;
const bankid = ['- id: bankid', '  choice: bankid', '  label: BankID'];

describe('mistakes in src/content/methods.yaml', () => {
  test('the real list has none, and every real page names a method in it', () => {
    expect(listProblems(list)).toEqual([]);
  });

  test('each mistake at its line, with what to do', () => {
    const text = entries(
      ...bankid,
      '- id: Comm fides',
      '  choice: commfides',
      '  label: Commfides',
      '- id: bankid',
      '  choice: bankid',
      '  label: BankID',
      '- id: buypass-app',
      '  chioce: buypass',
      '  label: Buypass ID',
      '- id: buypass-smartkort',
      '  choice: bypass',
      '  label: Buypass ID',
      '- id: buypass-nokkel',
      '  choice: bankid',
      '  label: Buypass ID',
      '- id: mitid',
      '  choice: commfides',
      '  label: <b>MinID</b>',
    );
    expect(listProblems(text)).toEqual([
      'src/content/methods.yaml:5:7  methods/field  id "Comm fides" may only use a-z, 0-9 and single dashes, e.g. buypass-app: it is the name of the method\'s page',
      'src/content/methods.yaml:8:7  methods/duplicate  "bankid" is listed twice (first on line 2): remove one of the entries',
      // One line for a misspelt field: its value is read as the field's, so choice is not missing as well.
      'src/content/methods.yaml:12:3  methods/field  chioce is not a field: did you mean choice?',
      'src/content/methods.yaml:15:11  methods/choice  "bypass" is not a choice on the "Velg elektronisk ID" screen (did you mean "buypass"?); the choices are the regions of src/content/screenshots/velg-elektronisk-id.yaml: bankid, buypass, commfides (a new choice is first drawn there as a region)',
      'src/content/methods.yaml:19:10  methods/choice  buypass-nokkel gives the choice bankid the label "Buypass ID", and bankid (line 2) gives it "BankID": a choice has one label, the words the screen shows; write them the same in both',
      'src/content/methods.yaml:22:10  methods/field  label may hold only the on-screen words, without < > { } " ` or \\, e.g. label: Buypass ID',
    ]);
  });

  test('an empty list, a list that is no list, YAML that does not parse, and no file at all', () => {
    expect(listProblems('# Nothing here yet.\n')).toEqual([
      'src/content/methods.yaml:1:1  methods/empty  the list of login methods is empty: write one entry per method, e.g. "- id: bankid" with "choice: bankid" and "label: BankID" under it',
    ]);
    expect(listProblems('[]\n')).toEqual([
      'src/content/methods.yaml:1:1  methods/empty  the list of login methods is empty: write one entry per method, e.g. "- id: bankid" with "choice: bankid" and "label: BankID" under it',
    ]);
    expect(listProblems('id: bankid\nchoice: bankid\n')).toEqual([
      'src/content/methods.yaml:1:1  methods/field  this file is a list of login methods, each entry starting with "- id:", e.g. "- id: bankid" with "choice: bankid" and "label: BankID" under it',
    ]);
    expect(listProblems(entries(...bankid, '- commfides'))).toEqual([
      'src/content/methods.yaml:5:3  methods/field  each login method is an entry of three fields: "- id: bankid" with "choice: bankid" and "label: BankID" under it',
    ]);
    expect(listProblems(entries('- id: bankid', '  choice: [bankid', '  label: BankID'))).toEqual([
      'src/content/methods.yaml:4:3  methods/yaml  the list of login methods is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
    expect(listProblems(undefined)).toEqual([
      'src/content/methods.yaml:1:1  methods/file  src/content/methods.yaml is missing: it lists the login methods, one entry per method ("- id: bankid" with "choice: bankid" and "label: BankID" under it); put it back from the repository',
    ]);
  });
});

describe('a method that is not in the list', () => {
  let other: string;
  beforeAll(() => {
    other = copyProject({});
    made.push(other);
    const page = join(other, 'src/content/guides/nn/bankid.mdx');
    writeFileSync(page, readFileSync(page, 'utf8').replace('method: bankid', 'method: bank-id'));
    const trust = join(other, 'src/trusts/xxhf.yaml');
    writeFileSync(trust, readFileSync(trust, 'utf8').replace('bankid, commfides]', 'bankid, commfides, mitid]'));
  });

  test('on a page, at its method: line; in a trust, at its place in methods:', async () => {
    const { problems } = await runSourceChecks(other, { translations: false, now: today });
    expect(problems.filter((p) => p.severity === 'error').map(formatProblem).sort()).toEqual([
      'src/content/guides/nn/bankid.mdx:5:9  frontmatter/field  method "bank-id" is not a login method (did you mean "bankid"?); the methods are: buypass-smartkort, buypass-app, buypass-passord-sms, buypass-nokkel, bankid, commfides (or leave method out for a task page). A new login method is added to src/content/methods.yaml first',
      'src/trusts/xxhf.yaml:27:99  trust/field  "mitid" is not a login method; the methods are: buypass-smartkort, buypass-app, buypass-passord-sms, buypass-nokkel, bankid, commfides. A new login method is added to src/content/methods.yaml first',
    ]);
  });

  test('is not reported while the list itself does not parse: its one mistake is', async () => {
    writeFileSync(join(other, METHODS_FILE), entries('- id: bankid', '  choice: [bankid'));
    const { problems } = await runSourceChecks(other, { translations: false, now: today });
    expect(problems.filter((p) => p.severity === 'error').map(formatProblem)).toEqual([
      'src/content/methods.yaml:4:1  methods/yaml  the list of login methods is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
  });
});

describe('npm run check and the build with a broken list', () => {
  let broken: string;
  const mistake = 'src/content/methods.yaml:3:11  methods/choice  "bypass" is not a choice on the "Velg elektronisk ID" screen (did you mean "buypass"?)';
  beforeAll(() => {
    broken = copyProject({ [METHODS_FILE]: entries('- id: buypass-app', '  choice: bypass', '  label: Buypass ID') });
    made.push(broken);
  });

  const run = (...args: string[]) => {
    const result = spawnSync(process.execPath, args, { cwd: broken, encoding: 'utf8', env: { ...process.env, GITHUB_ACTIONS: '', PDF_EXPORT: 'off', NODE_ENV: '' } });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  };

  test('npm run check names the line and the fix, and fails without a stack trace', () => {
    const { status, output } = run('scripts/check.ts', '--source-only');
    expect(status).toBe(1);
    expect(output).toContain(mistake);
    expect(output).not.toMatch(/^\s+at /m);
  });

  test('the build stops before rendering with the same line, without a stack trace', { timeout: 120_000 }, () => {
    const { status, output } = run('scripts/build.ts', '--out', join(broken, 'out'));
    expect(status).toBe(1);
    expect(output).toContain(mistake);
    expect(output).not.toMatch(/^\s+at /m);
  });
});

describe('the choice screen with a misspelt field', () => {
  test('its regions are read under the misspelt key: the list of methods has no mistake of its own', () => {
    const screen = join(root, 'src/content/screenshots/velg-elektronisk-id.yaml');
    const original = readFileSync(screen, 'utf8');
    writeFileSync(screen, original.replace(/^regions:/m, 'regoins:'));
    try {
      expect(listProblems(list)).toEqual([]);
    } finally {
      writeFileSync(screen, original);
    }
  });
});
