import type { LocalBindingStatus } from './types.js';

/** What the binding waits for, in words; undefined when it just consumes. */
const waitingFor = (status: LocalBindingStatus): string | undefined => {
  const { consumer } = status;
  switch (consumer.state) {
    case 'idle':
    case 'connecting':
      return `waiting for Kafka at ${status.servers.join(',')} (connecting)`;
    case 'waiting':
      return `waiting for Kafka at ${status.servers.join(',')}${consumer.waitingFor === undefined ? '' : ` (${consumer.waitingFor})`}`;
    case 'joining':
      return `waiting for the group ${status.groupId} to assign partitions (after a runtime was killed, Kafka first waits for its member's session timeout: session.timeout.ms, 30 s unless the binding sets it)`;
    case 'rebalancing':
      return `waiting for a rebalance of the group ${status.groupId}`;
    case 'stopped':
      return 'stopped';
    default:
      break;
  }
  if (status.held !== undefined) return `waiting for Camunda: ${status.held}`;
  const [first, ...others] = status.retrying;
  if (first !== undefined) {
    return `waiting: ${status.topic}-${first.partition}@${first.offset} redelivered ${first.attempt} time(s) (${first.reason})${others.length > 0 ? ` and ${others.length} other partition(s)` : ''}`;
  }
  return undefined;
};

/**
 * The summary line of one binding: distinct records and, separately,
 * redeliveries; what was done, not activated and dead-lettered; the lag per
 * partition once known; and what it waits for (Kafka, the group, Camunda,
 * a record being redelivered), else `consuming`.
 *
 * @param status - the binding's status
 * @example
 * ```ts
 * formatBindingSummary(status);
 * // 'summary payment-process/PaymentReceivedEvent: 6 records (+5 redeliveries): 4 done, 1 not activated, 1 dead-lettered; lag 0:0 1:0; consuming'
 * ```
 */
const formatBindingSummary = (status: LocalBindingStatus): string => {
  const known = status.consumer.partitions.filter(
    (partition) => partition.lag !== undefined
  );
  const lag =
    status.consumer.partitions.length === 0
      ? 'lag unknown (no partitions yet)'
      : known.length === 0
        ? 'lag unknown yet'
        : `lag ${status.consumer.partitions
            .map((p) => `${p.partition}:${p.lag ?? '?'}`)
            .join(' ')}`;
  const redeliveries =
    status.redeliveries > 0 ? ` (+${status.redeliveries} redeliveries)` : '';
  return `summary ${status.processId}/${status.elementIds.join(', ')}: ${status.records} record(s)${redeliveries}: ${status.done} done, ${status.notActivated} not activated, ${status.deadLettered} dead-lettered; ${lag}; ${waitingFor(status) ?? 'consuming'}`;
};

export { formatBindingSummary };
