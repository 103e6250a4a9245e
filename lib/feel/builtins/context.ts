// Context functions (feel-scala ContextBuiltinFunctions.scala).
import { type Context, isContext, setEntry } from '../values/values.js';
import { type Builtins, builtin, isList, isString } from './support.js';

const copy = (context: Readonly<Context>): Context => {
  const result: Context = {};
  for (const key of Object.keys(context)) setEntry(result, key, context[key]);
  return result;
};

const put = (
  context: Readonly<Context>,
  key: string,
  value: unknown
): Context => {
  const result = copy(context);
  setEntry(result, key, value);
  return result;
};

const isStringList = (list: readonly unknown[]): list is string[] =>
  list.every(isString);

const getPath = (
  context: Readonly<Context>,
  keys: readonly string[]
): unknown => {
  let current: unknown = context;
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i] as string;
    if (!isContext(current) || !Object.hasOwn(current, key)) return null;
    current = current[key];
  }
  return keys.length === 0 ? null : (current ?? null);
};

const putPath = (
  context: Readonly<Context>,
  keys: readonly string[],
  value: unknown
): Context => {
  const [key, ...rest] = keys as [string, ...string[]];
  if (rest.length === 0) return put(context, key, value);
  const nested = Object.hasOwn(context, key) ? context[key] : undefined;
  return put(
    context,
    key,
    putPath(isContext(nested) ? nested : {}, rest, value)
  );
};

const getValue = (params: string[]) =>
  builtin(params, ([context, key]) => {
    if (!isContext(context)) return undefined;
    if (isString(key))
      return Object.hasOwn(context, key) ? (context[key] ?? null) : null;
    if (isList(key)) return isStringList(key) ? getPath(context, key) : null;
    return undefined;
  });

const contextPut = builtin(
  ['context', 'key', 'value'],
  ([context, key, value]) => {
    if (!isContext(context)) return undefined;
    if (isString(key)) return put(context, key, value);
    if (isList(key)) {
      if (key.length === 0) return null;
      if (isStringList(key)) return putPath(context, key, value);
    }
    return undefined;
  }
);

const contextMerge = builtin(
  ['contexts'],
  ([contexts]) => {
    if (!isList(contexts) || !contexts.every(isContext)) return null;
    const result: Context = {};
    for (const context of contexts) {
      for (const key of Object.keys(context))
        setEntry(result, key, context[key]);
    }
    return result;
  },
  true
);

const getEntries = (param: string) =>
  builtin([param], ([context]) =>
    isContext(context)
      ? Object.keys(context).map((key) => ({
          key,
          value: context[key] ?? null,
        }))
      : undefined
  );

const contextBuiltins: Builtins = {
  'get entries': [getEntries('context'), getEntries('m')],
  'get value': [
    getValue(['m', 'key']),
    getValue(['context', 'key']),
    builtin(['context', 'keys'], ([context, keys]) => {
      if (!isContext(context) || !isList(keys)) return undefined;
      return isStringList(keys) ? getPath(context, keys) : null;
    }),
  ],
  'context put': [
    contextPut,
    builtin(['context', 'keys', 'value'], ([context, keys, value]) => {
      if (!isContext(context) || !isList(keys)) return undefined;
      if (keys.length === 0) return null;
      return isStringList(keys) ? putPath(context, keys, value) : undefined;
    }),
  ],
  put: [contextPut],
  'context merge': [contextMerge],
  'put all': [contextMerge],
  context: [
    builtin(['entries'], ([entries]) => {
      if (!isList(entries)) return null;
      const pairs = entries.every(
        (entry) =>
          isContext(entry) &&
          Object.hasOwn(entry, 'value') &&
          isString(entry.key)
      );
      if (!pairs) return null;
      const result: Context = {};
      for (const entry of entries as Context[]) {
        setEntry(result, entry.key as string, entry.value ?? null);
      }
      return result;
    }),
  ],
};

export { contextBuiltins };
