import { describe, expect, it } from 'vitest';
import type {
  MessageSubscriptionQuery,
  MessageSubscriptionSummary,
  SearchPage,
} from '../../lib/camunda/types.js';
import {
  countWaitingSubscriptions,
  describeVersion,
  isRetired,
  type ProcessVersion,
  recordCheck,
  supersedeVersions,
} from '../../lib/versions/index.js';

const V1 = '2251799813685249';
const V2 = '2251799813685260';
const NOW = new Date('2026-03-01T10:00:00.000Z');
const LATER = new Date('2026-03-01T10:05:00.000Z');

/** A search port over `count` waiting subscriptions, paged by offset cursors. */
const searchOver = (count: number) => {
  const queries: MessageSubscriptionQuery[] = [];
  return {
    queries,
    searchMessageSubscriptions: async (
      query: MessageSubscriptionQuery
    ): Promise<SearchPage<MessageSubscriptionSummary>> => {
      queries.push(query);
      const start = query.after === undefined ? 0 : Number(query.after) + 1;
      const items = Array.from(
        { length: Math.max(0, Math.min(query.limit, count - start)) },
        (_, i) => ({
          messageSubscriptionKey: String(start + i),
          processDefinitionId: 'order',
          processDefinitionKey: query.processDefinitionKey,
          elementId: (start + i) % 2 === 0 ? 'Wait' : 'Timeout',
          messageName: 'paid',
          state: 'CREATED',
        })
      );
      return {
        items,
        ...(items.length === 0
          ? {}
          : { endCursor: String(start + items.length - 1) }),
        totalItems: count,
        hasMoreTotalItems: false,
      };
    },
  };
};

describe('Functions: the version lifecycle', () => {
  describe('supersedeVersions', () => {
    it('makes the previous latest a retained version and adds the new latest', () => {
      // Act
      const versions = supersedeVersions(
        [
          {
            processDefinitionKey: V1,
            version: 1,
            latest: true,
            bindingIds: ['a'],
          },
        ],
        undefined,
        { key: V2, version: 2 },
        NOW
      );

      // Assess
      expect(versions).toEqual([
        { processDefinitionKey: V2, version: 2, latest: true, bindingIds: [] },
        {
          processDefinitionKey: V1,
          version: 1,
          latest: false,
          supersededAt: NOW.toISOString(),
          emptyChecks: 0,
          bindingIds: ['a'],
        },
      ]);
    });

    it('changes nothing when the same version is provisioned again (Zeebe keeps the key of unchanged content)', () => {
      // Prepare
      const previous: ProcessVersion[] = [
        { processDefinitionKey: V1, latest: true, bindingIds: [] },
      ];

      // Act & Assess
      expect(supersedeVersions(previous, undefined, { key: V1 }, NOW)).toEqual(
        previous
      );
    });

    it('takes the key of a status written before versions as the previous latest', () => {
      // Act & Assess
      expect(supersedeVersions(undefined, V1, { key: V2 }, NOW)).toMatchObject([
        { processDefinitionKey: V2, latest: true },
        {
          processDefinitionKey: V1,
          latest: false,
          supersededAt: NOW.toISOString(),
        },
      ]);
    });

    it('leaves only retained versions when the process has no latest any more', () => {
      // Act & Assess
      expect(
        supersedeVersions(
          [{ processDefinitionKey: V1, latest: true, bindingIds: [] }],
          undefined,
          undefined,
          NOW
        )
      ).toMatchObject([{ processDefinitionKey: V1, latest: false }]);
    });
  });

  describe('recordCheck and isRetired', () => {
    const retained: ProcessVersion = {
      processDefinitionKey: V1,
      latest: false,
      supersededAt: NOW.toISOString(),
      emptyChecks: 0,
      bindingIds: ['order--Wait'],
    };
    const none = {
      kind: 'found',
      waiting: { count: 0, capped: false, elementIds: [] },
    } as const;

    it('retires a version after two empty checks in a row, not after one', () => {
      // Act
      const once = recordCheck(retained, none, NOW);
      const twice = recordCheck(once, none, LATER);

      // Assess
      expect(isRetired(once)).toBe(false);
      expect(describeVersion(once)).toBe(
        `nothing waits (checked ${NOW.toISOString()}); retired after 1 more empty check(s)`
      );
      expect(isRetired(twice)).toBe(true);
    });

    it('starts counting again when something waits, and neither counts nor resets on a failed check', () => {
      // Act
      const once = recordCheck(retained, none, NOW);
      const failed = recordCheck(
        once,
        { kind: 'failed', reason: 'HTTP 503' },
        LATER
      );
      const waiting = recordCheck(
        failed,
        {
          kind: 'found',
          waiting: { count: 3, capped: false, elementIds: ['Wait'] },
        },
        LATER
      );

      // Assess
      expect(failed.emptyChecks).toBe(1);
      expect(isRetired(failed)).toBe(false);
      expect(describeVersion(failed)).toBe(
        `kept: the last check failed (${LATER.toISOString()}: HTTP 503); retried at the next check`
      );
      expect(waiting.emptyChecks).toBe(0);
      expect(describeVersion(waiting)).toBe(
        `3 waiting message subscription(s) at Wait (checked ${LATER.toISOString()})`
      );
    });

    it('never retires the latest version', () => {
      // Act
      const latest = recordCheck(
        recordCheck({ ...retained, latest: true }, none, NOW),
        none,
        LATER
      );

      // Assess
      expect(isRetired(latest)).toBe(false);
      expect(describeVersion(latest)).toBe('the latest version');
    });
  });

  describe('countWaitingSubscriptions', () => {
    it('pages through thousands of waiting subscriptions with the cursor Camunda returns', async () => {
      // Prepare
      const camunda = searchOver(2_500);

      // Act
      const waiting = await countWaitingSubscriptions(camunda, V1);

      // Assess
      expect(waiting).toEqual({
        count: 2_500,
        capped: false,
        elementIds: ['Timeout', 'Wait'],
      });
      expect(camunda.queries).toEqual([
        { processDefinitionKey: V1, state: 'CREATED', limit: 1_000 },
        {
          processDefinitionKey: V1,
          state: 'CREATED',
          limit: 1_000,
          after: '999',
        },
        {
          processDefinitionKey: V1,
          state: 'CREATED',
          limit: 1_000,
          after: '1999',
        },
      ]);
    });

    it('reads a last full page to its empty successor, and stops at the page limit with a lower bound', async () => {
      // Prepare
      const exact = searchOver(2_000);
      const many = searchOver(50_000);

      // Act
      const all = await countWaitingSubscriptions(exact, V1);
      const capped = await countWaitingSubscriptions(many, V1, { maxPages: 3 });

      // Assess
      expect(all).toMatchObject({ count: 2_000, capped: false });
      expect(exact.queries).toHaveLength(3);
      expect(capped).toMatchObject({ count: 3_000, capped: true });
      expect(many.queries).toHaveLength(3);
    });

    it('lets a failure through: nothing is concluded', async () => {
      // Prepare
      const failing = {
        searchMessageSubscriptions: async () => {
          throw new Error('Camunda searchMessageSubscriptions: HTTP 503');
        },
      };

      // Act & Assess
      await expect(countWaitingSubscriptions(failing, V1)).rejects.toThrow(
        'HTTP 503'
      );
    });
  });
});
