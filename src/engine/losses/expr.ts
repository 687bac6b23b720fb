/**
 * User-typed losses ℓ̄(x, y) such as `x^2 + 3*y^2`.
 *
 * The formula is parsed by a small custom mathjs instance, checked node by node against a
 * whitelist, differentiated symbolically twice, and compiled once into six functions of (x, y):
 * the value, ∂x, ∂y, ∂xx, ∂xy and ∂yy.
 *
 * Safety: mathjs's expression language can assign variables, define functions, access
 * properties and call `import`, `evaluate`, `createUnit`, … . None of that can run here,
 * because `validate` accepts only finite numbers, the symbols x, y, pi and e, the operators
 * + - * / ^ (binary and unary), parentheses and calls of the whitelisted elementary functions
 * by name; every other node type is rejected BEFORE anything is differentiated or compiled.
 * The derivative trees are built by mathjs from those nodes alone and are re-checked the same
 * way (plus `sec` and `sech`, which mathjs writes for tan' and tanh'). So a compiled formula
 * can only ever call arithmetic and elementary functions on numbers.
 */
import {
  create,
  absDependencies,
  addDependencies,
  atanDependencies,
  compileDependencies,
  cosDependencies,
  coshDependencies,
  derivativeDependencies,
  divideDependencies,
  eDependencies,
  expDependencies,
  logDependencies,
  multiplyDependencies,
  parseDependencies,
  piDependencies,
  powDependencies,
  secDependencies,
  sechDependencies,
  sinDependencies,
  sinhDependencies,
  sqrtDependencies,
  subtractDependencies,
  tanDependencies,
  tanhDependencies,
  unaryMinusDependencies,
  unaryPlusDependencies,
} from 'mathjs/number';
import type { ConstantNode, EvalFunction, FunctionNode, MathNode, OperatorNode, ParenthesisNode, SymbolNode } from 'mathjs/number';
import { EXPR_FUNCTIONS as ALLOWED_FUNCTIONS, MAX_EXPR_LENGTH } from '../spec';
import type { Loss } from './loss';

/** A formula was rejected; the message names the offending piece and what to try instead. */
export class ExprError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExprError';
  }
}

// The grammar's public limits live with the RunSpec (spec.ts), which the page can import
// without mathjs; re-exported here for the parser's users.
export { EXPR_FUNCTIONS as ALLOWED_FUNCTIONS, MAX_EXPR_LENGTH } from '../spec';

/**
 * Largest accepted size (nodes, shared subtrees counted each time they occur) of the five
 * derivative trees together. Nested compositions grow fast under differentiation; beyond this
 * the formula is rejected as too complex instead of freezing the worker.
 */
const MAX_DERIVATIVE_NODES = 20_000;

/**
 * Deepest accepted nesting of brackets, and longest run of signs (`--x`), both checked before
 * mathjs parses: its parser (and the derivative after it) recurse once per level, and a worker's
 * stack is small, so 200 levels would end in "Maximum call stack size exceeded".
 */
export const MAX_NESTING = 32;

/** Rejects, in words, a formula nested deeper than MAX_NESTING; before any parsing. */
function checkNesting(text: string): void {
  let depth = 0;
  let deepest = 0;
  let signs = 0;
  let longestSigns = 0;
  for (const ch of text) {
    if (ch === '(' || ch === '[' || ch === '{') deepest = Math.max(deepest, ++depth);
    else if (ch === ')' || ch === ']' || ch === '}') depth = Math.max(0, depth - 1);
    if (ch === '+' || ch === '-') longestSigns = Math.max(longestSigns, ++signs);
    else if (ch !== ' ' && ch !== '\t') signs = 0;
  }
  if (deepest > MAX_NESTING) {
    throw new ExprError(`The formula nests brackets ${deepest} deep; at most ${MAX_NESTING} levels are allowed — simplify it.`);
  }
  if (longestSigns > MAX_NESTING) {
    throw new ExprError(`The formula has ${longestSigns} signs in a row; at most ${MAX_NESTING} are allowed — simplify it.`);
  }
}

// mathjs's number-only entry ('mathjs/number', same package) computes with plain JS numbers, so
// sqrt(-1), log(-1) and (-8)^(1/3) give NaN, never complex numbers; it has no BigNumber, Fraction,
// Complex, Matrix or Unit code and bundles to about half the size of the same instance built from
// 'mathjs'. `predictable: true` would keep results real with the full entry too.
const math = create(
  {
    parseDependencies,
    compileDependencies,
    derivativeDependencies,
    addDependencies,
    subtractDependencies,
    multiplyDependencies,
    divideDependencies,
    powDependencies,
    unaryMinusDependencies,
    unaryPlusDependencies,
    piDependencies,
    eDependencies,
    sinDependencies,
    cosDependencies,
    tanDependencies,
    expDependencies,
    logDependencies,
    sqrtDependencies,
    absDependencies,
    sinhDependencies,
    coshDependencies,
    tanhDependencies,
    atanDependencies,
    secDependencies,
    sechDependencies,
  },
  { predictable: true },
);

const EXAMPLE = 'x^2 + 3*y^2';
const ALLOWED_SYMBOLS: ReadonlySet<string> = new Set(['x', 'y', 'pi', 'e']);
const USER_FUNCTIONS: ReadonlySet<string> = new Set(ALLOWED_FUNCTIONS);
/** What mathjs's derivative may add: d/dx tan = sec², d/dx tanh = sech². */
const DERIVED_FUNCTIONS: ReadonlySet<string> = new Set([...ALLOWED_FUNCTIONS, 'sec', 'sech']);
/** Allowed operators as mathjs fn name → [symbol, number of operands]. */
const ALLOWED_OPERATORS: Readonly<Record<string, readonly [string, number]>> = {
  add: ['+', 2],
  subtract: ['-', 2],
  multiply: ['*', 2],
  divide: ['/', 2],
  pow: ['^', 2],
  unaryMinus: ['-', 1],
  unaryPlus: ['+', 1],
};
const FUNCTION_LIST = ALLOWED_FUNCTIONS.join(', ');

/** Shortened text of a node for messages. */
function show(node: MathNode): string {
  const s = node.toString();
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

/** Throws ExprError unless every node of the tree is whitelisted. */
function validate(node: MathNode, functions: ReadonlySet<string>, source: string): void {
  switch (node.type) {
    case 'ConstantNode': {
      const value: unknown = (node as unknown as { value: unknown }).value;
      if (typeof value === 'string') {
        throw new ExprError(`Text strings such as ${show(node)} are not allowed: write numbers, x and y.`);
      }
      if (typeof value !== 'number') {
        throw new ExprError(`The constant "${String(value)}" is not allowed: use numbers, x, y, pi and e.`);
      }
      if (!Number.isFinite(value)) {
        // The tree does not keep the source text: find the literal that overflowed, if any.
        const literal = (source.match(/(\d+\.?\d*|\.\d+)e[+-]?\d+/gi) ?? []).find((t) => !Number.isFinite(Number(t)));
        throw new ExprError(
          literal
            ? `The number ${literal} is too large (it overflows to Infinity): use numbers below 1e308.`
            : `The constant "${String(value)}" is not allowed: use finite numbers.`,
        );
      }
      return;
    }
    case 'SymbolNode': {
      const name = (node as SymbolNode).name;
      if (ALLOWED_SYMBOLS.has(name)) return;
      if (USER_FUNCTIONS.has(name)) {
        throw new ExprError(`"${name}" is a function: give it an argument in parentheses, such as ${name}(x).`);
      }
      throw new ExprError(`Unknown symbol "${name}": use only x, y, pi and e.`);
    }
    case 'ParenthesisNode':
      validate((node as ParenthesisNode).content, functions, source);
      return;
    case 'OperatorNode': {
      const op = node as OperatorNode<never, never>;
      const fn = op.fn as string;
      const allowed = Object.hasOwn(ALLOWED_OPERATORS, fn) ? ALLOWED_OPERATORS[fn] : undefined;
      if (!allowed || allowed[0] !== op.op || allowed[1] !== op.args.length) {
        throw new ExprError(`Operator "${op.op}" is not allowed (in ${show(node)}): use only + - * / ^ and parentheses.`);
      }
      for (const arg of op.args) validate(arg, functions, source);
      return;
    }
    case 'FunctionNode': {
      const call = node as FunctionNode<MathNode>;
      if (call.fn.type !== 'SymbolNode') {
        throw new ExprError(`Calling ${show(call.fn)} is not allowed; allowed functions: ${FUNCTION_LIST}.`);
      }
      const name = (call.fn as SymbolNode).name;
      if (!functions.has(name)) {
        throw new ExprError(`Function "${name}" is not allowed; allowed functions: ${FUNCTION_LIST}.`);
      }
      if (call.args.length !== 1) {
        throw new ExprError(`Function "${name}" takes exactly 1 argument, got ${call.args.length}: write ${name}(x).`);
      }
      validate(call.args[0], functions, source);
      return;
    }
    case 'AssignmentNode':
      throw new ExprError(`Assignments are not allowed (${show(node)}): write an expression in x and y, such as ${EXAMPLE}`);
    case 'FunctionAssignmentNode':
      throw new ExprError(`Defining functions is not allowed (${show(node)}): write an expression in x and y, such as ${EXAMPLE}`);
    case 'AccessorNode':
    case 'IndexNode':
      throw new ExprError(`Property and index access are not allowed (${show(node)}): write an expression in x and y.`);
    case 'ArrayNode':
      throw new ExprError(`Matrices and lists are not allowed (${show(node)}): the loss must be a single number.`);
    case 'ObjectNode':
      throw new ExprError(`Objects are not allowed (${show(node)}): write an expression in x and y.`);
    case 'BlockNode':
      throw new ExprError('Only one expression is allowed: remove the ";" or line break that separates several.');
    case 'ConditionalNode':
      throw new ExprError(`Conditionals "a ? b : c" are not allowed (${show(node)}): write one expression, abs() can replace many.`);
    case 'RangeNode':
      throw new ExprError(`Ranges "a:b" are not allowed (${show(node)}): write an expression in x and y.`);
    case 'RelationalNode':
      throw new ExprError(`Comparisons are not allowed (${show(node)}): the loss must be a number, not true/false.`);
    default:
      throw new ExprError(`${node.type} "${show(node)}" is not allowed: write an expression in x and y, such as ${EXAMPLE}`);
  }
}

/** Parses and whitelists `source`; returns the tree and the trimmed text. */
function parseChecked(source: string): { tree: MathNode; text: string } {
  const text = source.trim();
  if (text.length === 0) {
    throw new ExprError(`The formula is empty: write an expression in x and y, such as ${EXAMPLE}`);
  }
  if (text.length > MAX_EXPR_LENGTH) {
    throw new ExprError(`The formula is ${text.length} characters long; the limit is ${MAX_EXPR_LENGTH}: shorten it.`);
  }
  checkNesting(text);
  let tree: MathNode;
  try {
    tree = math.parse(text);
  } catch (err) {
    if (err instanceof RangeError) {
      // A stack overflow the checks above did not foresee: say so in words, not the engine's.
      throw new ExprError('The formula is nested too deeply to read — simplify it.');
    }
    const message = err instanceof Error ? err.message : String(err);
    const char = (err as { char?: unknown }).char;
    const lead = source.length - source.trimStart().length;
    const where = typeof char === 'number' ? ` at character ${char + lead}` : '';
    throw new ExprError(`Could not parse the formula${where}: ${message.replace(/\s*\(char \d+\)$/, '')}.`);
  }
  validate(tree, USER_FUNCTIONS, text);
  return { tree, text };
}

const isNum = (n: MathNode, v?: number): boolean =>
  n.type === 'ConstantNode' && (v === undefined || (n as ConstantNode).value === v);
const numOf = (n: MathNode): number => (n as ConstantNode).value;
const constant = (v: number): MathNode => new math.ConstantNode(v);
const negate = (a: MathNode): MathNode => new math.OperatorNode('-', 'unaryMinus', [a]);

/**
 * A linear-time clean-up of mathjs's raw derivative: folds constant subtrees with the very
 * functions the compiled code would call, and drops the identities a+0, a*1, a*0, a/1, a^1,
 * a^0, --a. `memo` keeps shared subtrees shared (mathjs's derivative reuses nodes).
 */
function tidy(node: MathNode, memo: Map<MathNode, MathNode>): MathNode {
  const done = memo.get(node);
  if (done) return done;
  let out: MathNode = node;
  if (node.type === 'ParenthesisNode') {
    out = tidy((node as ParenthesisNode).content, memo);
  } else if (node.type === 'FunctionNode') {
    const call = node as FunctionNode;
    const args = call.args.map((a) => tidy(a, memo));
    out = args.every((a, i) => a === call.args[i]) ? node : new math.FunctionNode(call.fn, args);
    if (args.every((a) => isNum(a))) out = fold(out);
  } else if (node.type === 'OperatorNode') {
    const op = node as OperatorNode<never, never>;
    const fn = op.fn as string;
    const args = op.args.map((a) => tidy(a, memo));
    const [a, b] = args;
    if (args.every((n) => isNum(n))) {
      out = fold(new math.OperatorNode(op.op, op.fn, args));
    } else if (fn === 'unaryPlus') {
      out = a;
    } else if (fn === 'unaryMinus') {
      out = a.type === 'OperatorNode' && (a as OperatorNode<never, never>).fn === 'unaryMinus' ? (a as OperatorNode).args[0] : negate(a);
    } else if (fn === 'add') {
      out = isNum(a, 0) ? b : isNum(b, 0) ? a : new math.OperatorNode('+', 'add', [a, b]);
    } else if (fn === 'subtract') {
      out = isNum(b, 0) ? a : isNum(a, 0) ? negate(b) : new math.OperatorNode('-', 'subtract', [a, b]);
    } else if (fn === 'multiply') {
      if (isNum(a, 0) || isNum(b, 0)) out = constant(0);
      else if (isNum(a, 1)) out = b;
      else if (isNum(b, 1)) out = a;
      else if (isNum(a) && isMulByConst(b)) out = mulConst(numOf(a), b as OperatorNode);
      else if (isNum(b) && isMulByConst(a)) out = mulConst(numOf(b), a as OperatorNode);
      else out = new math.OperatorNode('*', 'multiply', [a, b]);
    } else if (fn === 'divide') {
      out = isNum(a, 0) ? constant(0) : isNum(b, 1) ? a : new math.OperatorNode('/', 'divide', [a, b]);
    } else if (fn === 'pow') {
      out = isNum(b, 0) ? constant(1) : isNum(b, 1) ? a : new math.OperatorNode('^', 'pow', [a, b]);
    } else {
      out = new math.OperatorNode(op.op, op.fn, args);
    }
  }
  memo.set(node, out);
  return out;
}

const isMulByConst = (n: MathNode): boolean =>
  n.type === 'OperatorNode' && (n as OperatorNode<never, never>).fn === 'multiply' && isNum((n as OperatorNode).args[0]);

/** c * (k * rest) → (c·k) * rest, when c·k is finite. */
function mulConst(c: number, prod: OperatorNode): MathNode {
  const k = c * numOf(prod.args[0]);
  if (!Number.isFinite(k)) return new math.OperatorNode('*', 'multiply', [constant(c), prod]);
  return k === 1 ? prod.args[1] : new math.OperatorNode('*', 'multiply', [constant(k), prod.args[1]]);
}

/** Evaluates a node whose operands are all numbers; keeps the node if the result is not finite. */
function fold(node: MathNode): MathNode {
  const v: unknown = node.compile().evaluate(new Map());
  return typeof v === 'number' && Number.isFinite(v) ? constant(v) : node;
}

/** Number of nodes of the tree that `node` stands for (shared subtrees counted each time). */
function treeSize(node: MathNode, memo: Map<MathNode, number>): number {
  const known = memo.get(node);
  if (known !== undefined) return known;
  let size = 1;
  if (node.type === 'OperatorNode' || node.type === 'FunctionNode') {
    for (const arg of (node as OperatorNode).args) size += treeSize(arg, memo);
  } else if (node.type === 'ParenthesisNode') {
    size += treeSize((node as ParenthesisNode).content, memo);
  }
  memo.set(node, size);
  return size;
}

/** ∂node/∂v, tidied. */
function diff(node: MathNode, v: 'x' | 'y', memo: Map<MathNode, MathNode>): MathNode {
  // mathjs's own simplify() is not used: it is exponential on nested compositions (measured:
  // ~40 s for sin(sin(…10 levels…(x*y)))), while tidy() is linear.
  return tidy(math.derivative(node, v, { simplify: false }), memo);
}

/** Parses, whitelists, differentiates and compiles `source` into a Loss; throws ExprError when rejected. */
export function parseExprLoss(source: string): Loss {
  const { tree, text } = parseChecked(source);
  let fns: EvalFunction[];
  try {
    const memo = new Map<MathNode, MathNode>();
    const f = tidy(tree, memo);
    const fx = diff(f, 'x', memo);
    const fy = diff(f, 'y', memo);
    const sizes = new Map<MathNode, number>();
    if (treeSize(fx, sizes) + treeSize(fy, sizes) > MAX_DERIVATIVE_NODES) throw tooComplex();
    const fxx = diff(fx, 'x', memo);
    const fxy = diff(fx, 'y', memo);
    const fyy = diff(fy, 'y', memo);
    const derivatives = [fx, fy, fxx, fxy, fyy];
    if (derivatives.reduce((s, t) => s + treeSize(t, sizes), 0) > MAX_DERIVATIVE_NODES) throw tooComplex();
    // Belt and braces: the derivatives must pass the same whitelist as the formula.
    for (const t of derivatives) validate(t, DERIVED_FUNCTIONS, text);
    // The value is compiled from the user's own (validated) tree, not the tidied one.
    fns = [tree, ...derivatives].map((t) => t.compile());
  } catch (err) {
    if (err instanceof ExprError) throw err;
    throw new ExprError(`Could not differentiate the formula: ${err instanceof Error ? err.message : String(err)}.`);
  }
  const [fv, fx, fy, fxx, fxy, fyy] = fns;
  // One Map reused for every call: mathjs uses a Map scope as is, but wraps a plain object in a
  // new ObjectWrappingMap on each evaluate().
  const scope = new Map<string, number>([
    ['x', 0],
    ['y', 0],
  ]);
  const num = (r: unknown): number => (typeof r === 'number' ? r : NaN);
  return {
    label: text,
    value(x: number, y: number): number {
      scope.set('x', x);
      scope.set('y', y);
      return num(fv.evaluate(scope));
    },
    evaluate(x: number, y: number, out: Float64Array): void {
      scope.set('x', x);
      scope.set('y', y);
      out[0] = num(fv.evaluate(scope));
      out[1] = num(fx.evaluate(scope));
      out[2] = num(fy.evaluate(scope));
      out[3] = num(fxx.evaluate(scope));
      out[4] = num(fxy.evaluate(scope));
      out[5] = num(fyy.evaluate(scope));
    },
    view: [-3, 3, -3, 3],
  };
}

function tooComplex(): ExprError {
  return new ExprError('The formula is too complex to differentiate twice: use fewer nested functions or powers.');
}
