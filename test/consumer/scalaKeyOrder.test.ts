import { describe, expect, it } from 'vitest';
import { scalaKeyOrder } from '../../lib/consumer/scalaKeyOrder.js';

// Expected orders are what Scala 2.13 prints for these maps, e.g.
// `Map("a"->1,"b"->2,"c"->3,"d"->4,"e"->5)` is `HashMap(e -> 5, a -> 1, …)`.
describe('Function: scalaKeyOrder', () => {
  it.each([
    { keys: ['a', 'b', 'c', 'd', 'e'], order: ['e', 'a', 'b', 'c', 'd'] },
    {
      keys: ['f', 'e', 'd', 'c', 'b', 'a'],
      order: ['e', 'f', 'a', 'b', 'c', 'd'],
    },
  ])(
    'more than four keys follow immutable.HashMap: $keys',
    ({ keys, order }) => {
      // Act
      const ordered = scalaKeyOrder(keys, () => false);

      // Assess
      expect(ordered).toEqual(order);
    }
  );

  it("four keys or fewer that are not the record's keep their order (Map1…Map4)", () => {
    // Act
    const ordered = scalaKeyOrder(['d', 'c', 'b', 'a'], () => false);

    // Assess
    expect(ordered).toEqual(['d', 'c', 'b', 'a']);
  });

  it("a record's small context follows mutable.HashMap's slots", () => {
    // Act
    const ordered = scalaKeyOrder(['b', 'a', 'q'], () => true);

    // Assess: "a" (97) and "q" (113) share slot 1, "b" (98) is in slot 2
    expect(ordered).toEqual(['a', 'q', 'b']);
  });

  it('keys with the same Java hash ("Aa", "BB") keep their insertion order', () => {
    // Act
    const ordered = scalaKeyOrder(['x1', 'BB', 'x2', 'Aa', 'x3'], () => false);

    // Assess
    expect(ordered.indexOf('BB')).toBeLessThan(ordered.indexOf('Aa'));
    expect([...ordered].sort()).toEqual(['Aa', 'BB', 'x1', 'x2', 'x3']);
  });
});
