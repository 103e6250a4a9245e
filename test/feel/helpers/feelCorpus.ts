// A seeded generator of FEEL expressions and contexts for the differential
// tests: the compiled fast path must agree with feelin's evaluate() on all.

/** Deterministic PRNG (mulberry32), so a failing case can be reproduced. */
const createRandom = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const LITERALS = [
  '0',
  '1',
  '-1',
  '2.5',
  '10',
  '"a"',
  '"5"',
  '""',
  '"abc"',
  '"a\\"b"',
  'true',
  'false',
  'null',
];
const NAMES = [
  'a',
  'b',
  's',
  'n',
  't',
  'f',
  'list',
  'strs',
  'ctx',
  'objs',
  'missing',
  'value',
  'ctx.x',
  'ctx.y.z',
  'ctx.missing',
  'ctx.`with-dash`',
  'value.itemId',
  'value.amount',
  'objs.x',
  'missing.deep',
  'nested',
];
const FUNCTIONS_1 = [
  'string length',
  'upper case',
  'lower case',
  'string',
  'count',
  'sum',
  'not',
  'is empty',
  'is defined',
  'trim',
  'abs',
  'is blank',
];
const FUNCTIONS_2 = [
  'contains',
  'starts with',
  'ends with',
  'get or else',
  'substring',
];

/**
 * Generate `count` FEEL expressions (deterministic for a seed).
 *
 * @param seed - PRNG seed
 * @param count - how many expressions
 */
const generateExpressions = (seed: number, count: number): string[] => {
  const random = createRandom(seed);
  const pick = <T>(items: readonly T[]): T =>
    items[Math.floor(random() * items.length)] as T;
  const gen = (depth: number): string => {
    if (depth <= 0 || random() < 0.25) {
      return random() < 0.5 ? pick(LITERALS) : pick(NAMES);
    }
    const d = depth - 1;
    switch (Math.floor(random() * 16)) {
      case 0:
        return `${gen(d)} ${pick(['=', '!=', '<', '<=', '>', '>='])} ${gen(d)}`;
      case 1:
        return `${gen(d)} ${pick(['and', 'or'])} ${gen(d)}`;
      case 2:
        return `(${gen(d)}) ${pick(['+', '-', '*', '/', '**'])} (${gen(d)})`;
      case 3:
        return `if ${gen(d)} then ${gen(d)} else ${gen(d)}`;
      case 4:
        return `{ a: ${gen(d)}, "b c": ${gen(d)}, d: a }`;
      case 5:
        return `[${gen(d)}, ${gen(d)}]`;
      case 6:
        return `${pick(['list', 'objs', 'strs', 'nested', 'missing', 'a', 's'])}[${pick(['item > 1', 'x > 1', 'x = null', 'item = "a"', 'y != null', '1', '-1', '0', '2', 'true', 'false', '"a"', 'a', 'b > 1 or x = 2'])}]`;
      case 7:
        return `${gen(d)} in (${gen(d)}, ${gen(d)})`;
      case 8:
        return `${gen(d)} in [${gen(d)}, 2]`;
      case 9:
        return `${gen(d)} between ${pick(LITERALS)} and ${pick(LITERALS)}`;
      case 10:
        return `${pick(FUNCTIONS_1)}(${gen(d)})`;
      case 11:
        return `${pick(FUNCTIONS_2)}(${gen(d)}, ${gen(d)})`;
      case 12:
        return `contains(string: ${gen(d)}, match: ${gen(d)})`;
      case 13:
        return `-(${gen(d)})`;
      case 14:
        return `(${gen(d)}).${pick(['x', 'y', 'itemId', 'z'])}`;
      default:
        return `not(${gen(d)})`;
    }
  };
  return Array.from({ length: count }, () => gen(3));
};

/** Contexts with every kind of value the expressions meet. */
const CONTEXTS: readonly Record<string, unknown>[] = [
  {
    a: 1,
    b: 2,
    s: 'abc',
    n: null,
    t: true,
    f: false,
    list: [1, 2, 3],
    strs: ['a', 'b', 'a'],
    ctx: { x: 1, y: { z: 'q' }, 'with-dash': 5 },
    objs: [{ x: 1 }, { x: 2, y: 'b' }, { y: 3 }],
    value: { itemId: 'a4f6j2', amount: 10 },
    nested: [[1, 2], [3]],
  },
  {
    a: '1',
    b: null,
    s: 5,
    n: 'x',
    t: 'true',
    f: 0,
    list: [],
    strs: [null, 'b'],
    ctx: null,
    objs: [null, { x: '2' }, 3, false],
    value: { itemId: 7, amount: '10' },
    nested: [],
  },
  {},
  {
    a: [5],
    b: 2.5,
    s: '',
    n: null,
    t: false,
    f: true,
    list: [[1], 2, 'a', null, { x: 1 }],
    strs: 'a',
    ctx: { x: [1, 2], y: null },
    objs: { x: 2 },
    value: null,
    nested: [[{ x: 1 }], [{ x: 3 }]],
  },
  {
    a: -3,
    b: 0,
    s: '  padded  ',
    list: [3, 1, 2],
    objs: [{ x: 1, y: { x: 5 } }],
    value: { itemId: 'a4f6j2', amount: 12.5, extra: { deep: [1] } },
  },
];

export { CONTEXTS, createRandom, generateExpressions };
