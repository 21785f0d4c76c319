/**
 * The trust files (src/trusts/), all of them, whatever the build is for: every mistake at
 * its line, so that a pull request that breaks one trust's file fails for everyone. And
 * every <TrustNote name="…"> in a page names a note some trust has.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { didYouMean } from '../suggest.ts';
import { loadTrusts, TRUSTS_DIR, trustIds, type Trust } from '../../guide/trusts.ts';
import { problem, type Problem } from './problems.ts';
import type { Project } from './project.ts';

export function checkTrusts(project: Project): Problem[] {
  // A project without trusts (a test fixture about something else) has nothing to check here.
  if (!existsSync(join(project.root, TRUSTS_DIR))) return [];
  const { trusts, problems } = loadTrusts(project.root, trustIds(project.root));
  if (problems.some((p) => p.severity === 'error')) return problems;
  const notes = noteNames(trusts);
  for (const guide of project.guides) {
    for (const used of guide.record?.components ?? []) {
      if (used.name !== 'TrustNote') continue;
      const name = used.props.name?.value;
      if (typeof name !== 'string' || notes.has(name)) continue;
      problems.push(problem(guide.lines.at(used.offset), 'trust/note', noSuchNote(name, notes)));
    }
  }
  return problems;
}

/** The names of the notes any trust has: what a <TrustNote name="…"> may name. */
export const noteNames = (trusts: readonly Trust[]): Set<string> => new Set(trusts.flatMap((t) => [...t.notes.keys()]));

/** What is wrong with a <TrustNote name="…"> no trust has a note for, and what to do; the dev server's page says it too. */
export const noSuchNote = (name: string, notes: Iterable<string>) =>
  `no trust has a note "${name}"${didYouMean(name, notes)}: write it under notes: in the trust's file (src/trusts/<id>.yaml), or correct the name`;
