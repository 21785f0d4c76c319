/**
 * Component props written in a page must be props the component has, with a value it
 * accepts: `<Callout type="warn">` or `<Screenshot scr="…">` is reported on its line,
 * before the build, instead of failing later in the component or being ignored.
 * The props are read from each component's own `interface Props` with TypeScript.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { didYouMean } from '../suggest.ts';
import { isComponentName, pageSyntax } from './mdx.ts';
import { problem, type Problem } from './problems.ts';
import { COMPONENTS_DIR, type Project } from './project.ts';

export interface PropSpec {
  name: string;
  optional: boolean;
  /** The allowed strings, when the prop's type is a union of string literals. */
  values?: string[];
}

/** Attributes every component accepts from Astro itself. */
const ASTRO_ATTRIBUTES = new Set(['slot', 'key']);

/** The frontmatter of an .astro file: the TypeScript between the first two `---` lines. */
export function frontmatterOf(source: string): string {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(source);
  return match?.[1] ?? '';
}

/**
 * Each component's props, from its `interface Props`, read from a virtual TypeScript
 * file holding the component's frontmatter.
 */
export function readComponentProps(root: string, names: readonly string[]): Map<string, PropSpec[]> {
  const dir = join(root, COMPONENTS_DIR);
  const virtual = new Map<string, string>();
  for (const name of names) {
    const text = frontmatterOf(readFileSync(join(dir, `${name}.astro`), 'utf8'));
    // Astro's globals are not known to plain TypeScript; they are not needed for the Props type.
    virtual.set(join(dir, `${name}.astro.props.ts`), `declare const Astro: any;\n${text}\nexport type { Props };\n`);
  }
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ESNext,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    allowImportingTsExtensions: true,
    noEmit: true,
    strict: true,
    skipLibCheck: true,
    types: [],
    // Only the component's own file: imported types become `any` (that prop's value is
    // then not checked), which keeps this to a fraction of a second.
    noResolve: true,
    lib: ['lib.es2022.d.ts'],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.fileExists = (file) => virtual.has(file) || ts.sys.fileExists(file);
  host.readFile = (file) => virtual.get(file) ?? readFile(file);
  host.getSourceFile = (file, language) => {
    const text = virtual.get(file);
    return text !== undefined ? ts.createSourceFile(file, text, language, true) : getSourceFile(file, language);
  };
  const program = ts.createProgram([...virtual.keys()], options, host);
  const checker = program.getTypeChecker();

  const result = new Map<string, PropSpec[]>();
  for (const name of names) {
    const file = program.getSourceFile(join(dir, `${name}.astro.props.ts`));
    const declaration = file?.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'Props');
    if (!declaration) {
      result.set(name, []);
      continue;
    }
    const type = checker.getTypeAtLocation(declaration);
    const specs = checker.getPropertiesOfType(type).map((symbol): PropSpec => {
      const propType = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(symbol, declaration));
      const members = propType.isUnion() ? propType.types : [propType];
      const literals = members.every((m) => m.isStringLiteral()) ? members.map((m) => (m as ts.StringLiteralType).value) : undefined;
      return {
        name: symbol.getName(),
        optional: (symbol.getFlags() & ts.SymbolFlags.Optional) !== 0,
        ...(literals ? { values: literals } : {}),
      };
    });
    result.set(name, specs);
  }
  return result;
}

export function checkProps(project: Project, props = readComponentProps(project.root, project.componentNames)): Problem[] {
  const problems: Problem[] = [];
  for (const guide of project.guides) {
    if (!guide.tree) continue;
    for (const element of pageSyntax(guide.tree, guide.text).elements) {
      if (element.inExpression || !isComponentName(element.name)) continue;
      const specs = props.get(element.name);
      if (!specs) continue; // not one of ours: the unknown-component check names it
      const names = specs.map((s) => s.name);
      const written = new Set<string>();
      for (const attribute of element.attributes) {
        written.add(attribute.name);
        if (ASTRO_ATTRIBUTES.has(attribute.name) || attribute.name.startsWith('...')) continue;
        const spec = specs.find((s) => s.name === attribute.name);
        if (!spec) {
          problems.push(
            problem(
              guide.lines.at(attribute.offset),
              'mdx/unknown-prop',
              `<${element.name}> has no prop ${attribute.name}${didYouMean(attribute.name, names)}; its props are: ${names.join(', ') || 'none'} (see src/components/${element.name}.astro)`,
            ),
          );
        } else if (spec.values && attribute.value && !spec.values.includes(attribute.value.value)) {
          problems.push(
            problem(
              guide.lines.at(attribute.value.offset),
              'mdx/prop-value',
              `<${element.name} ${spec.name}="${attribute.value.value}"> is not allowed${didYouMean(attribute.value.value, spec.values)}; write one of: ${spec.values.join(', ')}`,
            ),
          );
        }
      }
      for (const spec of specs) {
        if (!spec.optional && !written.has(spec.name)) {
          problems.push(
            problem(
              guide.lines.at(element.offset),
              'mdx/missing-prop',
              `<${element.name}> needs ${spec.name}="…"${spec.values ? ` (one of: ${spec.values.join(', ')})` : ''} (see src/components/${element.name}.astro)`,
            ),
          );
        }
      }
    }
  }
  return problems;
}
