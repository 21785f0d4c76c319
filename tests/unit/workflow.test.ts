/**
 * The GitHub workflow runs content from pull requests, so it is held to what a security
 * review asks: actions pinned by commit, a token that can only read, no credentials left in
 * the checkout, and no secrets within reach of a pull request's code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';

const dir = resolve(import.meta.dirname, '../../.github/workflows');
const workflows = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, unknown> | string | string[];
  permissions?: unknown;
  jobs: Record<string, { permissions?: unknown; steps: Step[] }>;
}

describe.each(workflows)('.github/workflows/%s', (file) => {
  const text = readFileSync(join(dir, file), 'utf8');
  const workflow = parse(text) as Workflow;
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
  const triggers = typeof workflow.on === 'string' ? [workflow.on] : Array.isArray(workflow.on) ? workflow.on : Object.keys(workflow.on);

  test('every action is pinned by a full commit hash, with its version in a comment', () => {
    const unpinned = steps.filter((s) => s.uses && !s.uses.startsWith('./') && !/@[0-9a-f]{40}$/.test(s.uses)).map((s) => s.uses);
    expect(unpinned).toEqual([]);
    for (const line of text.split('\n').filter((l) => /^\s*(- )?uses: [^.]/.test(l))) expect(line).toMatch(/@[0-9a-f]{40} # v\d+(\.\d+)*$/);
  });

  test('the token can only read the repository, in every job', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    for (const [name, job] of Object.entries(workflow.jobs)) {
      if (job.permissions !== undefined) expect(JSON.stringify(job.permissions), name).not.toMatch(/write/);
    }
  });

  test('no checkout keeps credentials for later steps', () => {
    const checkouts = steps.filter((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkouts.length).toBeGreaterThan(0);
    for (const step of checkouts) expect(step.with?.['persist-credentials']).toBe(false);
  });

  test("pull requests are built without secrets: a pull request's code never runs with them", () => {
    expect(triggers).not.toContain('pull_request_target');
    expect(triggers).not.toContain('workflow_run');
    expect(text).not.toMatch(/\$\{\{\s*secrets\./);
    // Nothing a pull request's author writes (titles, branch names) is pasted into a shell command.
    for (const step of steps.filter((s) => s.run)) expect(step.run).not.toMatch(/\$\{\{\s*github\.(event|head_ref)/);
  });
});
