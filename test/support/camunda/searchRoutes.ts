import type { z } from 'zod';
import type { ApiContext, HttpAnswer } from './handleApiRequest.js';
import { problem } from './problems.js';
import type { KnownProcess, MessageSubscription } from './types.js';

type Issues = readonly z.core.$ZodIssue[];

/** What the routes need besides the context: how a 400 is written. */
interface SearchHelpers {
  readonly invalid: (
    path: string,
    issues: Issues,
    parsedBody: unknown
  ) => HttpAnswer;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const likePattern = (like: string): RegExp =>
  new RegExp(
    `^${like
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`
  );

/**
 * Whether `value` passes one filter property as Camunda's search reads it:
 * a plain value matches exactly; an object combines `$eq`, `$neq`, `$in`,
 * `$notIn`, `$exists` and `$like` (all must hold).
 */
const passes = (value: unknown, filter: unknown): boolean => {
  if (!isObject(filter)) return value === filter;
  const checks: boolean[] = [];
  if ('$eq' in filter) checks.push(value === filter.$eq);
  if ('$neq' in filter) checks.push(value !== filter.$neq);
  if (Array.isArray(filter.$in)) checks.push(filter.$in.includes(value));
  if (Array.isArray(filter.$notIn)) checks.push(!filter.$notIn.includes(value));
  if (typeof filter.$exists === 'boolean') {
    checks.push((value !== undefined && value !== null) === filter.$exists);
  }
  if (typeof filter.$like === 'string') {
    checks.push(
      typeof value === 'string' && likePattern(filter.$like).test(value)
    );
  }
  return checks.every(Boolean);
};

/** Whether an item passes every property of a filter (item field by name). */
const passesAll = (
  item: Readonly<Record<string, unknown>>,
  filter: Readonly<Record<string, unknown>>,
  skip: readonly string[] = []
): boolean =>
  Object.entries(filter).every(
    ([name, property]) => skip.includes(name) || passes(item[name], property)
  );

/**
 * The cursor of the item at `index`: base64, as Camunda's cursors are (the
 * contract's `EndCursor` pattern). The double's result sets do not change
 * between pages of a test, so an offset is enough.
 */
const cursorOf = (index: number): string =>
  Buffer.from(JSON.stringify({ offset: index })).toString('base64');

const offsetOf = (cursor: string): number | undefined => {
  try {
    const parsed: unknown = JSON.parse(
      Buffer.from(cursor, 'base64').toString('utf8')
    );
    return isObject(parsed) && typeof parsed.offset === 'number'
      ? parsed.offset
      : undefined;
  } catch {
    return undefined;
  }
};

type Page =
  | { readonly ok: true; readonly start: number; readonly limit: number }
  | { readonly ok: false; readonly answer: HttpAnswer };

/** Where a page starts and how long it is (`limit` defaults to 100). */
const readPage = (
  path: string,
  body: Record<string, unknown>,
  forwardOnly: boolean
): Page => {
  const page = isObject(body.page) ? body.page : {};
  const limit = typeof page.limit === 'number' ? page.limit : 100;
  if (typeof page.after === 'string') {
    const offset = offsetOf(page.after);
    if (offset === undefined) {
      return {
        ok: false,
        answer: {
          status: 400,
          body: problem(
            400,
            path,
            'INVALID_ARGUMENT',
            `The cursor '${page.after}' is not valid`
          ),
          parsedBody: body,
        },
      };
    }
    return { ok: true, start: offset + 1, limit };
  }
  if (!forwardOnly && typeof page.before === 'string') {
    const offset = offsetOf(page.before) ?? 0;
    return { ok: true, start: Math.max(0, offset - limit), limit };
  }
  const from = !forwardOnly && typeof page.from === 'number' ? page.from : 0;
  return { ok: true, start: from, limit };
};

/** The search answer: items of the page and `page` as Camunda reports it. */
const pageAnswer = <T>(
  all: readonly T[],
  start: number,
  limit: number,
  toItem: (item: T) => unknown,
  body: unknown,
  withStartCursor = true
): HttpAnswer => {
  const items = all.slice(start, start + limit);
  return {
    status: 200,
    body: {
      items: items.map(toItem),
      page: {
        totalItems: all.length,
        hasMoreTotalItems: false,
        startCursor:
          withStartCursor && items.length > 0 ? cursorOf(start) : null,
        endCursor: items.length > 0 ? cursorOf(start + items.length - 1) : null,
      },
    },
    parsedBody: body,
  };
};

/** The sort Camunda applies: each field in order, ASC unless DESC. */
const sorted = <T extends Readonly<Record<string, unknown>>>(
  items: readonly T[],
  sort: unknown
): T[] => {
  const fields = Array.isArray(sort) ? sort.filter(isObject) : [];
  return [...items].sort((a, b) => {
    for (const { field, order } of fields) {
      const x = String(a[String(field)] ?? '');
      const y = String(b[String(field)] ?? '');
      if (x !== y) return (x < y ? -1 : 1) * (order === 'DESC' ? -1 : 1);
    }
    return 0;
  });
};

const subscriptionItem = (subscription: MessageSubscription) => ({
  messageSubscriptionKey: subscription.messageSubscriptionKey,
  processDefinitionId: subscription.processDefinitionId,
  processDefinitionKey: subscription.processDefinitionKey,
  processInstanceKey: subscription.processInstanceKey,
  rootProcessInstanceKey: subscription.processInstanceKey,
  elementId: subscription.elementId,
  elementInstanceKey: subscription.elementInstanceKey,
  messageSubscriptionState: subscription.state,
  lastUpdatedDate: subscription.lastUpdatedDate,
  messageName: subscription.messageName,
  correlationKey: subscription.correlationKey,
  tenantId: subscription.tenantId,
});

/**
 * `POST /v2/message-subscriptions/search`: the engine's subscriptions
 * filtered (every field of the contract's filter), sorted and paged.
 */
const searchMessageSubscriptions = (
  context: ApiContext,
  path: string,
  body: unknown,
  helpers: SearchHelpers
): HttpAnswer => {
  const parsed = context.contract.searchMessageSubscriptions.safeParse(
    body ?? {}
  );
  if (!parsed.success) return helpers.invalid(path, parsed.error.issues, body);
  const query = isObject(body) ? body : {};
  const filter = isObject(query.filter) ? query.filter : {};
  const page = readPage(path, query, false);
  if (!page.ok) return page.answer;
  const items = context.engine.subscriptions
    .map(subscriptionItem)
    .filter((item) => passesAll(item, filter));
  return pageAnswer(
    sorted(items, query.sort),
    page.start,
    page.limit,
    (item) => item,
    body
  );
};

const definitionItem = (process: KnownProcess) => ({
  name: process.processDefinitionId,
  resourceName: process.resourceName,
  version: process.processDefinitionVersion,
  versionTag: null,
  processDefinitionId: process.processDefinitionId,
  tenantId: process.tenantId,
  processDefinitionKey: process.processDefinitionKey,
  hasStartForm: false,
  state: process.state,
});

/** The latest active version of each process id and tenant. */
const latestVersions = (processes: readonly KnownProcess[]): KnownProcess[] => {
  const latest = new Map<string, KnownProcess>();
  for (const process of processes) {
    if (process.state !== 'ACTIVE') continue;
    const id = `${process.tenantId}\n${process.processDefinitionId}`;
    const known = latest.get(id);
    if (
      known === undefined ||
      known.processDefinitionVersion < process.processDefinitionVersion
    ) {
      latest.set(id, process);
    }
  }
  return [...latest.values()];
};

/**
 * `POST /v2/process-definitions/search`: every field of the filter;
 * `isLatestVersion` keeps the latest active version of each process (and,
 * as in Camunda, pages forward only, without a start cursor).
 */
const searchProcessDefinitions = (
  context: ApiContext,
  path: string,
  body: unknown,
  helpers: SearchHelpers
): HttpAnswer => {
  const parsed = context.contract.searchProcessDefinitions.safeParse(
    body ?? {}
  );
  if (!parsed.success) return helpers.invalid(path, parsed.error.issues, body);
  const query = isObject(body) ? body : {};
  const filter = isObject(query.filter) ? query.filter : {};
  const latestOnly = filter.isLatestVersion === true;
  const page = readPage(path, query, latestOnly);
  if (!page.ok) return page.answer;
  const candidates = latestOnly
    ? latestVersions(context.engine.processes)
    : context.engine.processes;
  const items = candidates
    .map(definitionItem)
    .filter((item) => passesAll(item, filter, ['isLatestVersion']));
  return pageAnswer(
    sorted(items, query.sort),
    page.start,
    page.limit,
    (item) => item,
    body,
    !latestOnly
  );
};

const notFound = (path: string, key: string): HttpAnswer => ({
  status: 404,
  body: problem(
    404,
    path,
    'NOT_FOUND',
    `Process definition with key '${key}' not found`
  ),
});

/** The process definition of `key` (deleted ones are found, with their state). */
const findDefinition = (
  context: ApiContext,
  path: string,
  key: string
): KnownProcess | HttpAnswer => {
  const valid = context.contract.processDefinitionKey.safeParse(key);
  if (!valid.success) {
    return {
      status: 400,
      body: problem(
        400,
        path,
        'Bad Request',
        `Failed to convert 'processDefinitionKey' with value: '${key}'`
      ),
    };
  }
  return (
    context.engine.processes.find((p) => p.processDefinitionKey === key) ??
    notFound(path, key)
  );
};

/** `GET /v2/process-definitions/{key}`. */
const getProcessDefinition = (
  context: ApiContext,
  path: string,
  key: string
): HttpAnswer => {
  const found = findDefinition(context, path, key);
  return 'status' in found
    ? found
    : { status: 200, body: definitionItem(found) };
};

/** `GET /v2/process-definitions/{key}/xml`: the deployed resource as text/xml. */
const getProcessDefinitionXml = (
  context: ApiContext,
  path: string,
  key: string
): HttpAnswer => {
  const found = findDefinition(context, path, key);
  return 'status' in found
    ? found
    : { status: 200, text: found.xml, contentType: 'text/xml' };
};

export type { SearchHelpers };
export {
  getProcessDefinition,
  getProcessDefinitionXml,
  searchMessageSubscriptions,
  searchProcessDefinitions,
};
