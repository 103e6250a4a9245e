import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** One shape of a botocore service model (`data/<service>/<date>/service-2.json`). */
interface Shape {
  readonly type: string;
  readonly members?: Readonly<Record<string, { readonly shape: string }>>;
  readonly required?: readonly string[];
  readonly member?: { readonly shape: string };
  readonly key?: { readonly shape: string };
  readonly value?: { readonly shape: string };
  readonly enum?: readonly string[];
  readonly pattern?: string;
  readonly min?: number;
  readonly max?: number;
}

/** A service model as botocore ships it. */
interface ServiceModel {
  readonly service: string;
  /** The model file read, for messages. */
  readonly file: string;
  readonly metadata: { readonly apiVersion: string };
  readonly operations: Readonly<
    Record<
      string,
      {
        readonly input?: { readonly shape: string };
        readonly output?: { readonly shape: string };
      }
    >
  >;
  readonly shapes: Readonly<Record<string, Shape>>;
}

const HOW_TO_INSTALL =
  'botocore ships with moto (`pip install "moto[server]"`); `bash .ci/run` installs it';

/**
 * The directory of the installed botocore package, read from Python at test
 * time: the contract is AWS's own model, never a copy kept here.
 *
 * @throws Error saying how to install botocore when Python or botocore is absent
 */
const botocoreDirectory = (): string => {
  try {
    return execFileSync(
      'python3',
      ['-c', 'import botocore, os; print(os.path.dirname(botocore.__file__))'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }
    ).trim();
  } catch (error) {
    throw new Error(
      `botocore is not importable by python3, so the AWS API contract cannot be checked: ${HOW_TO_INSTALL}`,
      { cause: error }
    );
  }
};

/**
 * Reads the newest model of a service from the installed botocore
 * (`service-2.json` or `service-2.json.gz`).
 *
 * @param service - botocore's service name (`lambda`, `kafka`, …)
 */
const loadServiceModel = (service: string): ServiceModel => {
  const root = join(botocoreDirectory(), 'data', service);
  if (!existsSync(root)) {
    throw new Error(`botocore has no model for ${service} under ${root}`);
  }
  const version = readdirSync(root).sort().at(-1) ?? '';
  const plain = join(root, version, 'service-2.json');
  const file = existsSync(plain) ? plain : `${plain}.gz`;
  const bytes = readFileSync(file);
  const text = file.endsWith('.gz')
    ? gunzipSync(bytes).toString('utf8')
    : bytes.toString('utf8');
  return {
    service,
    file,
    ...(JSON.parse(text) as Omit<ServiceModel, 'service' | 'file'>),
  };
};

const patterns = new Map<string, RegExp>();

/**
 * A model pattern as a JavaScript RegExp that must match the whole value,
 * as the service applies it (Java's `Pattern.matches`).
 */
const compile = (pattern: string): RegExp => {
  let compiled = patterns.get(pattern);
  if (compiled === undefined) {
    compiled = new RegExp(
      `^(?:${pattern})$`,
      pattern.includes('\\p{') ? 'u' : ''
    );
    patterns.set(pattern, compiled);
  }
  return compiled;
};

const describe = (value: unknown): string =>
  typeof value === 'string'
    ? JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value)
    : JSON.stringify(value);

/** Every way `value` breaks `shapeName` (empty: it conforms). */
const checkShape = (
  model: ServiceModel,
  shapeName: string,
  value: unknown,
  path: string
): string[] => {
  const shape = model.shapes[shapeName];
  if (shape === undefined) {
    return [`${path}: the model has no shape ${shapeName}`];
  }
  const at = `${path} (${shapeName})`;
  const range = (size: number, what: string): string[] => [
    ...(shape.min !== undefined && size < shape.min
      ? [`${at}: ${what} ${size} is below the minimum ${shape.min}`]
      : []),
    ...(shape.max !== undefined && size > shape.max
      ? [`${at}: ${what} ${size} is above the maximum ${shape.max}`]
      : []),
  ];
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return [`${at}: expected a structure, got ${describe(value)}`];
      }
      const record = value as Record<string, unknown>;
      const members = shape.members ?? {};
      return [
        ...(shape.required ?? [])
          .filter((name) => record[name] === undefined)
          .map((name) => `${at}: required member ${name} is missing`),
        ...Object.entries(record).flatMap(([name, member]) => {
          if (member === undefined) return [];
          const memberShape = members[name];
          return memberShape === undefined
            ? [`${at}: ${name} is not a member of ${shapeName}`]
            : checkShape(model, memberShape.shape, member, `${path}.${name}`);
        }),
      ];
    }
    case 'list': {
      if (!Array.isArray(value)) {
        return [`${at}: expected a list, got ${describe(value)}`];
      }
      return [
        ...range(value.length, 'length'),
        ...value.flatMap((item, index) =>
          checkShape(
            model,
            shape.member?.shape ?? '',
            item,
            `${path}[${index}]`
          )
        ),
      ];
    }
    case 'map': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return [`${at}: expected a map, got ${describe(value)}`];
      }
      const entries = Object.entries(value as Record<string, unknown>);
      return [
        ...range(entries.length, 'size'),
        ...entries.flatMap(([key, item]) => [
          ...checkShape(
            model,
            shape.key?.shape ?? '',
            key,
            `${path}{key ${key}}`
          ),
          ...checkShape(
            model,
            shape.value?.shape ?? '',
            item,
            `${path}.${key}`
          ),
        ]),
      ];
    }
    case 'string': {
      if (typeof value !== 'string') {
        return [`${at}: expected a string, got ${describe(value)}`];
      }
      return [
        ...range(value.length, 'length'),
        ...(shape.enum !== undefined && !shape.enum.includes(value)
          ? [`${at}: ${describe(value)} is not one of ${shape.enum.join(', ')}`]
          : []),
        ...(shape.pattern !== undefined && !compile(shape.pattern).test(value)
          ? [`${at}: ${describe(value)} does not match ${shape.pattern}`]
          : []),
      ];
    }
    case 'integer':
    case 'long':
      return typeof value === 'number' && Number.isInteger(value)
        ? range(value, 'value')
        : [`${at}: expected an integer, got ${describe(value)}`];
    case 'float':
    case 'double':
      return typeof value === 'number'
        ? range(value, 'value')
        : [`${at}: expected a number, got ${describe(value)}`];
    case 'boolean':
      return typeof value === 'boolean'
        ? []
        : [`${at}: expected a boolean, got ${describe(value)}`];
    case 'timestamp':
      return value instanceof Date || typeof value === 'number'
        ? []
        : [`${at}: expected a timestamp, got ${describe(value)}`];
    case 'blob':
      return value instanceof Uint8Array || typeof value === 'string'
        ? []
        : [`${at}: expected a blob, got ${describe(value)}`];
    default:
      return [
        `${at}: shape type ${shape.type} is not checked by this validator`,
      ];
  }
};

/**
 * Checks an operation's input against the service model the way the service
 * validates it: structure members and required members, enums, patterns
 * (matched whole), lengths, list and map sizes and number ranges.
 *
 * @param model - from `loadServiceModel`
 * @param operation - the operation name (`CreateEventSourceMapping`)
 * @param input - the SDK command input
 * @returns every violation, with the member path
 */
const validateInput = (
  model: ServiceModel,
  operation: string,
  input: unknown
): string[] => {
  const shape = model.operations[operation]?.input?.shape;
  if (shape === undefined) {
    return [`${model.service} has no operation ${operation} with an input`];
  }
  return checkShape(model, shape, input, operation);
};

/**
 * Checks an answer a test double gives against the operation's output shape
 * (members by their SDK names), so a double never answers what the service
 * cannot.
 *
 * @param model - from `loadServiceModel`
 * @param operation - the operation name (`GetBootstrapBrokers`)
 * @param output - the answer, without `$metadata`
 * @returns every violation, with the member path
 */
const validateOutput = (
  model: ServiceModel,
  operation: string,
  output: unknown
): string[] => {
  const shape = model.operations[operation]?.output?.shape;
  if (shape === undefined) {
    return [`${model.service} has no operation ${operation} with an output`];
  }
  return checkShape(model, shape, output, `${operation} output`);
};

/** The member names of a structure shape (empty for other shapes). */
const memberNames = (model: ServiceModel, shapeName: string): string[] =>
  Object.keys(model.shapes[shapeName]?.members ?? {});

export type { ServiceModel, Shape };
export { loadServiceModel, memberNames, validateInput, validateOutput };
