/**
 * Literal values in MDX: the only expressions a guide page may hold are prop values
 * written as data (`level={3}`, `regions={['fortsett']}`). Anything else is code.
 */

/** An ESTree node as micromark's acorn step produces it. */
export interface EsNode {
  type: string;
  start?: number;
  [key: string]: unknown;
}

const isEsNode = (value: unknown): value is EsNode =>
  typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';

export type Literal = string | number | boolean | null | Literal[] | { [key: string]: Literal };

const NOT_LITERAL = Symbol('not a literal');

function evaluate(node: unknown): Literal | typeof NOT_LITERAL {
  if (!isEsNode(node)) return NOT_LITERAL;
  switch (node.type) {
    case 'Literal': {
      // Regular expressions and bigints are literals to JavaScript, not data to a page.
      if ('regex' in node || 'bigint' in node) return NOT_LITERAL;
      const value = node.value;
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null ? value : NOT_LITERAL;
    }
    case 'TemplateLiteral': {
      const quasis = node.quasis as { value: { cooked?: string | null } }[];
      if ((node.expressions as unknown[]).length > 0 || quasis.length !== 1) return NOT_LITERAL;
      return quasis[0]!.value.cooked ?? NOT_LITERAL;
    }
    case 'UnaryExpression': {
      if (node.operator !== '-') return NOT_LITERAL;
      const value = evaluate(node.argument);
      return typeof value === 'number' ? -value : NOT_LITERAL;
    }
    case 'ArrayExpression': {
      const items: Literal[] = [];
      for (const element of node.elements as unknown[]) {
        // A hole ([1,,2]) or a spread ([...x]) is not data.
        const value = evaluate(element);
        if (value === NOT_LITERAL) return NOT_LITERAL;
        items.push(value);
      }
      return items;
    }
    case 'ObjectExpression': {
      const object: Record<string, Literal> = {};
      for (const property of node.properties as EsNode[]) {
        if (property.type !== 'Property' || property.computed || property.method || property.shorthand || property.kind !== 'init') return NOT_LITERAL;
        const key = property.key as EsNode;
        const name = key.type === 'Identifier' ? key.name : key.type === 'Literal' ? key.value : undefined;
        if (typeof name !== 'string' && typeof name !== 'number') return NOT_LITERAL;
        // __proto__ would set the prototype, not a field.
        if (String(name) === '__proto__') return NOT_LITERAL;
        const value = evaluate(property.value);
        if (value === NOT_LITERAL) return NOT_LITERAL;
        object[String(name)] = value;
      }
      return object;
    }
    default:
      return NOT_LITERAL;
  }
}

/**
 * The value of an expression's program when it is one literal (`{3}`, `{['a', 'b']}`);
 * `{ empty: true }` for an expression holding only a comment; undefined for anything else.
 */
export function literalOf(program: unknown): { value: Literal } | { empty: true } | undefined {
  if (!isEsNode(program) || !Array.isArray(program.body)) return undefined;
  if (program.body.length === 0) return { empty: true };
  if (program.body.length !== 1) return undefined;
  const statement = program.body[0] as EsNode;
  if (statement.type !== 'ExpressionStatement') return undefined;
  const value = evaluate(statement.expression);
  return value === NOT_LITERAL ? undefined : { value };
}
