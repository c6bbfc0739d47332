/**
 * The slice of OData `$filter` that SharePoint list items accept through Graph, parsed strictly: comparisons
 * `fields/<column> eq|ne <literal>` joined with `and`/`or` and parentheses. Literals are single-quoted strings (a
 * quote inside is doubled), numbers, `true`/`false` and `null`. Anything else is a 400, as Graph answers "The provided
 * filter statement is not supported", so a store that interpolates raw text fails loudly here instead of matching
 * more than it should.
 */

/** A literal as written in the filter. */
export type ODataLiteral =
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "boolean"; readonly value: boolean }
  | { readonly kind: "null" };

/** A parsed filter expression. */
export type FilterExpression =
  | { readonly kind: "compare"; readonly column: string; readonly op: "eq" | "ne"; readonly literal: ODataLiteral }
  | { readonly kind: "and" | "or"; readonly left: FilterExpression; readonly right: FilterExpression };

/** Thrown for a filter the fake (and Graph) does not accept; the routes turn it into a 400. */
export class ODataSyntaxError extends Error {
  override readonly name = "ODataSyntaxError";
}

type Token =
  | { readonly type: "word"; readonly text: string }
  | { readonly type: "string"; readonly value: string }
  | { readonly type: "number"; readonly value: number }
  | { readonly type: "open" | "close" };

const WORD = /^[A-Za-z_][A-Za-z0-9_]*(?:\/[A-Za-z_][A-Za-z0-9_]*)*/;
const NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const ch = text[i];
    if (ch === " " || ch === "\t") {
      i++;
    } else if (ch === "(" || ch === ")") {
      tokens.push({ type: ch === "(" ? "open" : "close" });
      i++;
    } else if (ch === "'") {
      // A quote ends the string unless it is doubled; a lone quote is exactly where injection would break out.
      let value = "";
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw new ODataSyntaxError("Unterminated string literal in $filter.");
        if (text[j] === "'") {
          if (text[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += text[j];
        j++;
      }
      tokens.push({ type: "string", value });
      i = j + 1;
    } else if (NUMBER.test(rest)) {
      const match = NUMBER.exec(rest)![0];
      tokens.push({ type: "number", value: Number(match) });
      i += match.length;
    } else if (WORD.test(rest)) {
      const match = WORD.exec(rest)![0];
      tokens.push({ type: "word", text: match });
      i += match.length;
    } else {
      throw new ODataSyntaxError(`Unexpected character ${JSON.stringify(ch)} in $filter.`);
    }
  }
  return tokens;
}

/** Parses a `$filter` value (already URL-decoded). */
export function parseFilter(text: string): FilterExpression {
  const tokens = tokenize(text);
  let position = 0;
  const peek = (): Token | undefined => tokens[position];
  const isWord = (token: Token | undefined, word: string): boolean => token?.type === "word" && token.text.toLowerCase() === word;

  const parseOr = (): FilterExpression => {
    let left = parseAnd();
    while (isWord(peek(), "or")) {
      position++;
      left = { kind: "or", left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): FilterExpression => {
    let left = parsePrimary();
    while (isWord(peek(), "and")) {
      position++;
      left = { kind: "and", left, right: parsePrimary() };
    }
    return left;
  };
  const parsePrimary = (): FilterExpression => {
    const token = peek();
    if (token?.type === "open") {
      position++;
      const inner = parseOr();
      if (peek()?.type !== "close") throw new ODataSyntaxError("Missing ) in $filter.");
      position++;
      return inner;
    }
    if (token?.type !== "word" || !token.text.startsWith("fields/") || token.text.split("/").length !== 2) {
      throw new ODataSyntaxError("The provided filter statement is not supported: comparisons must start with fields/<column>.");
    }
    position++;
    const op = peek();
    if (!isWord(op, "eq") && !isWord(op, "ne")) throw new ODataSyntaxError("The provided filter statement is not supported: only eq and ne.");
    position++;
    return { kind: "compare", column: token.text.slice("fields/".length), op: (op as { text: string }).text.toLowerCase() as "eq" | "ne", literal: parseLiteral() };
  };
  const parseLiteral = (): ODataLiteral => {
    const token = peek();
    position++;
    if (token?.type === "string") return { kind: "string", value: token.value };
    if (token?.type === "number") return { kind: "number", value: token.value };
    if (isWord(token, "true") || isWord(token, "false")) return { kind: "boolean", value: isWord(token, "true") };
    if (isWord(token, "null")) return { kind: "null" };
    throw new ODataSyntaxError("Expected a literal after eq/ne in $filter.");
  };

  const expression = parseOr();
  if (position !== tokens.length) throw new ODataSyntaxError("Unexpected text after the end of the $filter expression.");
  return expression;
}

/** Every column a filter refers to. */
export function filterColumns(expression: FilterExpression): string[] {
  if (expression.kind === "compare") return [expression.column];
  return [...filterColumns(expression.left), ...filterColumns(expression.right)];
}
