import { readFileSync } from 'node:fs';
import { attr, bpmnXml } from '../support/bpmn.js';

/** One BPMN file an attacker could upload to the processes bucket. */
interface HostileBpmn {
  readonly name: string;
  readonly xml: () => string;
  /** A part of the error (rejected) or `undefined` (safely accepted). */
  readonly error?: string;
  /** The property the error names, when it names one. */
  readonly property?: string;
  /** A part of the provisioner's error, when it differs (it reads at most 2 MiB). */
  readonly provisionerError?: string;
}

const FIXTURES = new URL('../fixtures/hostile/', import.meta.url);
const fixture = (file: string) => () =>
  readFileSync(new URL(file, FIXTURES), 'utf8');

/** The valid file the hostile ones are variations of (process `order`). */
const validOrderXml = (): string =>
  bpmnXml({
    id: 'order',
    elements: [{ id: 'OrderPlaced', topic: 'orders', groupId: 'order-group' }],
  });

/** The valid file with one more `zeebe:property` on its Kafka element. */
const withProperty = (name: string, value: string, raw = false): string =>
  validOrderXml().replace(
    '<zeebe:property name="resultVariable" value="event" />',
    `<zeebe:property name="resultVariable" value="event" />\n          <zeebe:property name="${raw ? name : attr(name)}" value="${raw ? value : attr(value)}" />`
  );

/** The valid file with its topic replaced (raw XML attribute text). */
const withTopic = (rawValue: string): string =>
  validOrderXml().replace('value="orders"', `value="${rawValue}"`);

const MB = 1024 * 1024;

const FEEL_PROPERTIES = [
  'activationCondition',
  'correlationKeyExpression',
  'messageIdExpression',
  'resultExpression',
] as const;

const UNBOUNDED_FEEL: readonly {
  label: string;
  source: string;
  error: string;
}[] = [
  {
    label: 'a range of a billion',
    source: '=for x in 1..1000000000 return x',
    error: '1,000,000,000 times per record',
  },
  {
    label: 'nested ranges',
    source: '=for x in 1..1000 return for y in 1..1000 return x * y',
    error: '1,001,000 times per record',
  },
  {
    label: 'string join over a range',
    source: '=string join(for x in 1..100000000 return string(x), ",")',
    error: '100,000,000 times per record',
  },
  {
    label: 'some over a range of a billion',
    source: '=some x in 1..1000000000 satisfies x < 0',
    error: 'more than the evaluation budget',
  },
  {
    label: 'a for nested six deep over 10-item literal lists',
    source: `=${Array.from({ length: 6 }, (_, i) => `for x${i} in [1,2,3,4,5,6,7,8,9,10] return `).join('')}0`,
    error: '1,111,110 times per record',
  },
  {
    label: 'lists nested 10,000 deep',
    source: `=${'['.repeat(10_000)}1${']'.repeat(10_000)}`,
    error: 'nests brackets 10000 levels deep, over the limit of 64',
  },
  {
    label: 'a chain of 20,000 additions',
    source: `=${Array(20_000).fill('1').join('+')}`,
    error: 'chains 19999 operators and keywords without brackets',
  },
  {
    label: 'if-then-else nested 3,000 deep',
    source: `=${'if true then '.repeat(3_000)}1${' else 2'.repeat(3_000)}`,
    error: 'chains 9000 operators and keywords without brackets',
  },
  {
    label: 'a path 20,000 names long',
    source: `=value${'.a'.repeat(20_000)}`,
    error: 'chains 20000 operators and keywords without brackets',
  },
  {
    label: 'a regular expression with a backreference',
    source: '=matches(value.s, "(a)\\1")',
    error: 'backreferences',
  },
  {
    label: 'a recursive function',
    source: '={f: function(n) f(n + 1), r: f(1)}.r',
    error: 'function definitions',
  },
  {
    label: 'a 70 KB list literal',
    source: `=[${'1,'.repeat(35_000)}1]`,
    error: 'over the 65536 limit',
  },
];

/**
 * FEEL that was slow to parse (issue 16: one 64 KB property took 120 s of
 * validation): lezer's error recovery at every token, stacks split
 * thousands of levels deep, names of thousands of words.
 */
const SLOW_TO_PARSE: readonly {
  label: string;
  source: string;
  error?: string;
}[] = [
  {
    label:
      '64 KB of empty lists, which the parser reads as ever deeper intervals',
    source: `=${'[] '.repeat(21_800)}`,
    error:
      'too costly to parse: the parser gives up after 525,192 steps (8 per character',
  },
  {
    label: '64 KB of ] (each opens an interval for the parser)',
    source: `=${']'.repeat(65_000)}1`,
    error: "the parser's reading of it nests deeper than 2400 levels",
  },
  {
    label: '64 KB of a syntax error at every other token',
    source: `=${'1 '.repeat(32_000)}`,
    error: 'FEEL does not parse at character 3',
  },
  {
    // valid FEEL: a variable name of 32,700 words (null at run time)
    label: 'a name of 32,700 words',
    source: `=${'a b c '.repeat(10_900)}`,
  },
];

const bpmnOfConditions = (count: number, condition: string): string =>
  bpmnXml({
    id: 'order',
    elements: Array.from({ length: count }, (_, i) => ({
      id: `E${i}`,
      topic: `orders-${i}`,
      activationCondition: condition,
    })),
  });

/** Every hostile file, with what must come of it. */
const hostileBpmnFiles = (): HostileBpmn[] => [
  {
    name: 'billion laughs',
    xml: fixture('billion-laughs.bpmn'),
    error: '<!DOCTYPE> declaration',
  },
  {
    name: 'quadratic blowup (one 100 KB entity referenced 10,000 times)',
    xml: () =>
      validOrderXml()
        .replace(
          '<bpmn:definitions',
          `<!DOCTYPE d [<!ENTITY a "${'a'.repeat(100_000)}">]>\n<bpmn:definitions`
        )
        .replace('value="orders"', `value="${'&a;'.repeat(10_000)}"`),
    error: '<!DOCTYPE> declaration',
  },
  {
    name: 'external entity (SYSTEM file:///etc/passwd)',
    xml: fixture('xxe-system.bpmn'),
    error: '<!DOCTYPE> declaration',
  },
  {
    name: 'external DTD (PUBLIC, instance metadata URL)',
    xml: fixture('xxe-public.bpmn'),
    error: '<!DOCTYPE> declaration',
  },
  {
    name: 'parameter entities',
    xml: fixture('parameter-entity.bpmn'),
    error: '<!DOCTYPE> declaration',
  },
  {
    name: 'an entity declaration without a DOCTYPE',
    xml: fixture('entity-without-doctype.bpmn'),
    error: '<!ENTITY> declaration',
  },
  {
    name: 'XInclude (ignored, never read)',
    xml: fixture('xinclude.bpmn'),
  },
  {
    name: 'elements nested 10,000 deep',
    xml: () =>
      validOrderXml().replace(
        '</bpmn:process>',
        `${'<bpmn:subProcess id="s">'.repeat(10_000)}${'</bpmn:subProcess>'.repeat(10_000)}</bpmn:process>`
      ),
    error: 'nested more than 256 levels',
  },
  {
    name: 'extension elements nested 10,000 deep',
    xml: () =>
      validOrderXml().replace(
        '<zeebe:properties>',
        `<zeebe:properties>${'<x:a xmlns:x="urn:x">'.repeat(10_000)}${'</x:a>'.repeat(10_000)}`
      ),
    error: 'nested more than 256 levels',
  },
  {
    name: 'a 1.9 MB attribute (under the size limit)',
    xml: () => withTopic('t'.repeat(1.9 * MB)),
    error: 'is not a valid Kafka topic name',
    property: 'topic.topicName',
  },
  {
    name: 'a 1.9 MB FEEL property value',
    xml: () => withProperty('resultExpression', `="${'v'.repeat(1.9 * MB)}"`),
    error: 'over the 65536 limit',
    property: 'resultExpression',
  },
  {
    name: 'a 2.1 MB attribute (over the size limit)',
    xml: () => withTopic('t'.repeat(2.1 * MB)),
    error: 'over the 2 MiB limit',
    provisionerError: 'the provisioner reads at most 2097152 bytes',
  },
  {
    // About 1.5 KB each: as many as fit under the 2 MiB limit.
    name: '1,200 Kafka elements with an invalid topic each',
    xml: () =>
      bpmnXml({
        id: 'order',
        elements: Array.from({ length: 1_200 }, (_, i) => ({
          id: `E${i}`,
          topic: `bad topic ${i}`,
        })),
      }),
    error: 'is not a valid Kafka topic name',
    property: 'topic.topicName',
  },
  {
    // 400 errors of 2 KB each: 800 KB of problems, over a DynamoDB item.
    name: '400 Kafka elements with a 2,000-character invalid topic each',
    xml: () =>
      bpmnXml({
        id: 'order',
        elements: Array.from({ length: 400 }, (_, i) => ({
          id: `E${i}`,
          topic: `${'t'.repeat(2_000)} ${i}`,
        })),
      }),
    error: 'is not a valid Kafka topic name',
    property: 'topic.topicName',
  },
  ...FEEL_PROPERTIES.flatMap((property) =>
    UNBOUNDED_FEEL.map(({ label, source, error }) => ({
      name: `${property} with ${label}`,
      xml: () => withProperty(property, source),
      error,
      property,
    }))
  ),
  ...SLOW_TO_PARSE.map(({ label, source, error }) => ({
    name: `activationCondition with ${label}`,
    xml: () => withProperty('activationCondition', source),
    ...(error === undefined ? {} : { error, property: 'activationCondition' }),
  })),
  {
    // 1.9 MB: as many of the worst expressions as fit under the limit
    name: '30 Kafka elements with 64 KB of empty lists as condition each',
    xml: () => bpmnOfConditions(30, `=${'[] '.repeat(21_800)}`),
    error: 'too costly to parse',
    property: 'activationCondition',
  },
  {
    // 1.3 MB: many short ones (each took 0.4 s before the parse budget)
    name: '500 Kafka elements with 900 characters of empty lists as condition each',
    xml: () => bpmnOfConditions(500, `=${'[] '.repeat(300)}`),
    error: 'too costly to parse',
    property: 'activationCondition',
  },
  {
    name: 'a control character in the topic',
    xml: () => withTopic('ord&#1;ers'),
    error: 'is not a valid Kafka topic name',
    property: 'topic.topicName',
  },
  {
    name: 'a NUL character reference in the topic',
    xml: () => withTopic('ord&#0;ers'),
    error: 'is not a valid Kafka topic name',
    property: 'topic.topicName',
  },
  {
    name: 'a raw NUL byte',
    xml: () => withTopic('ord\0ers'),
    error: 'binary data (a NUL character)',
  },
  {
    name: 'a bidi override in the group id',
    xml: () =>
      validOrderXml().replace('value="order-group"', 'value="grp&#x202E;1"'),
    error: 'is not a consumer group id',
    property: 'groupId',
  },
  {
    name: 'a bidi override in the result variable',
    xml: () =>
      validOrderXml().replace(
        'name="resultVariable" value="event"',
        'name="resultVariable" value="ev&#x202E;ent"'
      ),
    error: 'is not a variable name',
    property: 'resultVariable',
  },
  {
    name: 'a 100,000-character property name and a topic with a control character',
    xml: () =>
      withProperty('n'.repeat(100_000), 'v').replace(
        'value="orders"',
        'value="a&#7;b"'
      ),
    error: 'is not a valid Kafka topic name',
    property: 'topic.topicName',
  },
];

export type { HostileBpmn };
export { hostileBpmnFiles, validOrderXml };
