import { describe, expect, it } from 'vitest';
import { ExprError, MAX_NESTING, parseExprLoss } from '../../src/engine/losses/expr';
import { MAX_EXPR_LENGTH } from '../../src/engine/spec';

const message = (text: string) => {
  try {
    parseExprLoss(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ExprError);
    return (e as Error).message;
  }
  return null;
};

describe('formula nesting limit (checked before mathjs parses)', () => {
  it('200 opening brackets say how deep and what the limit is, not a stack overflow', () => {
    const m = message('('.repeat(MAX_EXPR_LENGTH));
    expect(m).toBe(`The formula nests brackets ${MAX_EXPR_LENGTH} deep; at most ${MAX_NESTING} levels are allowed — simplify it.`);
    expect(m).not.toMatch(/call stack/i);
  });

  it('counts the deepest level of every bracket kind, balanced or not', () => {
    const deep = MAX_NESTING + 1;
    expect(message('sin('.repeat(deep) + 'x' + ')'.repeat(deep))).toMatch(new RegExp(`nests brackets ${deep} deep`));
    expect(message('['.repeat(deep) + 'x')).toMatch(new RegExp(`nests brackets ${deep} deep`));
    // Many shallow brackets side by side are fine.
    expect(message(Array(30).fill('(x)').join('+') + '+y^2')).toBeNull();
  });

  it('accepts nesting up to the limit', () => {
    expect(message('('.repeat(MAX_NESTING) + 'x^2 + y^2' + ')'.repeat(MAX_NESTING))).toBeNull();
  });

  it('a long run of signs is refused in words too', () => {
    expect(message('-'.repeat(150) + 'x + y^2')).toMatch(/150 signs in a row; at most 32 are allowed — simplify it/);
    expect(message('- -x^2 + y^2')).toBeNull();
  });
});
