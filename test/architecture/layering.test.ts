/**
 * The layering of kafka-inbound, checked by `npm test`.
 *
 *   domain    every lib/ module not named below: bpmn, binding, feel, kafka,
 *             camunda, consumer, esm, provisioning, platform, and new ones
 *   adapters  lib/aws: the AWS implementations of the domain's ports; and
 *             lib/registry, the schema registry's HTTP client (ADAPTERS)
 *   hosts     lib/local (`npm start`), lib/cli, functions/: wiring and I/O
 *   infra     infra/: the CDK app
 *   outside   tools/ (soak, bench), test/: never part of the product
 *
 * Rules (ids as printed on failure):
 * - aws-only-in-lib-aws: no runtime import of @aws-sdk/*, @smithy/*,
 *   @aws-lambda-powertools/* or @middy/* in lib/ outside lib/aws/ (`import
 *   type` is fine). The domain, the local runtime and the CLI then run and
 *   test without AWS, and every AWS call sits where moto tests it.
 * - domain-no-host-io: the domain does no I/O of its own: of Node's built-ins
 *   it imports only the pure ones (PURE_BUILTINS), and no Kafka or network
 *   client. I/O comes through a port in the module's types.ts, implemented by
 *   a host or lib/aws, so a use case is tested fast and in memory.
 * - domain-no-network-globals: nor does it call the global `fetch` (or
 *   `WebSocket`) — except lib/camunda, the one documented HTTP boundary:
 *   `createCamundaClient` is the adapter of the `CamundaPort` to Camunda's REST
 *   API, and takes `fetch` as a dependency (defaulting to the global, which
 *   is the same WHATWG fetch on Lambda, Node and locally). Turning it into a
 *   port would only copy that default into every host.
 * - domain-inward-only: the domain imports no adapter (ADAPTERS), host
 *   (lib/local, lib/cli, functions/) or infra/, not even for types: a port is
 *   declared in the domain and implemented outside it.
 * - adapters-no-hosts: an adapter imports no host and no infra/.
 * - product-no-tools-or-tests: lib/, functions/ and infra/ never import tools/
 *   or test/ (neither is bundled nor shipped).
 * - no-cdk-at-runtime: lib/ and functions/ never load aws-cdk-lib,
 *   constructs or cdk-nag (synth-time only; they would land in the bundles).
 * - checkable-imports: a dynamic `import()` or `require()` in the product
 *   names its module with a string literal, so that these rules can see it.
 * The hosts may do any I/O; tools/ and test/ may import anything.
 *
 * How: `readReferences` parses each file with TypeScript's own parser
 * (already a devDependency, no new tool). It tells `import type` and
 * `export type` (erased) from `import { type … }` (kept by
 * verbatimModuleSyntax), and sees re-exports, `import()`, `require()` and
 * uses of the `fetch` global, which an import-graph tool such as
 * dependency-cruiser cannot; es-module-lexer reads JavaScript, not
 * TypeScript. The checker itself is tested on fixtures below.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { describe, expect, it } from 'vitest';
import { checkLayering, type LayeringReport } from './checkLayering.js';
import { formatViolation } from './formatViolation.js';
import { readReferences } from './readReferences.js';
import type {
  LayerException,
  LayerRule,
  Reference,
  SourceText,
} from './types.js';

const ROOT = new URL('../../', import.meta.url);

/**
 * Node built-ins without host I/O, all the domain may import. `module` is
 * for `createRequire` (lib/feel loads re2js on first use): the modules it
 * loads are read and checked like imports.
 */
const PURE_BUILTINS = new Set([
  'assert',
  'buffer',
  'crypto',
  'events',
  'module',
  'path',
  'perf_hooks',
  'querystring',
  'string_decoder',
  'timers',
  'url',
  'util',
  'zlib',
]);

/** Packages that reach Kafka or the network. */
const IO_PACKAGES = ['kafkajs', 'undici', 'node-fetch', 'axios', 'ws'];

const AWS_PACKAGES = [
  '@aws-sdk/',
  '@smithy/',
  '@aws-lambda-powertools/',
  '@middy/',
];

const CDK_PACKAGES = ['aws-cdk-lib', 'constructs', 'cdk-nag', 'aws-cdk'];

const HOSTS = ['lib/local/', 'lib/cli/', 'functions/'];

/**
 * lib/ modules that implement a domain port with I/O of their own. A new
 * module that does (a network client) goes here; any other new lib/ module
 * is held to the domain's rules. lib/registry (the schema work, branch
 * `schemas`) implements lib/kafka's SchemaRegistryPort over node:http(s).
 */
const ADAPTERS = ['lib/aws/', 'lib/registry/'];

/** Whether `name` is the package `pkg` or one of its subpaths. */
const isPackage = (name: string, pkg: string): boolean =>
  pkg.endsWith('/')
    ? name.startsWith(pkg)
    : name === pkg || name.startsWith(`${pkg}/`);

const inAny = (path: string, prefixes: readonly string[]): boolean =>
  prefixes.some((prefix) => path.startsWith(prefix));

const isDomain = (path: string): boolean =>
  path.startsWith('lib/') && !inAny(path, [...ADAPTERS, ...HOSTS]);

const isProduct = (path: string): boolean =>
  inAny(path, ['lib/', 'functions/', 'infra/']);

/** `fs/promises` and `node:fs` → `fs`. */
const builtinRoot = (name: string): string | undefined =>
  isBuiltin(name)
    ? (name.replace(/^node:/, '').split('/')[0] ?? name)
    : undefined;

const runtime = (reference: Reference): boolean => !reference.typeOnly;

const RULES: readonly LayerRule[] = [
  {
    id: 'aws-only-in-lib-aws',
    text: 'lib/ reaches AWS only through lib/aws/: no runtime import of @aws-sdk/*, @smithy/*, @aws-lambda-powertools/* or @middy/* elsewhere in lib/ (`import type` is fine).',
    appliesTo: (path) =>
      path.startsWith('lib/') && !path.startsWith('lib/aws/'),
    forbids: (reference) =>
      runtime(reference) &&
      AWS_PACKAGES.some((pkg) => isPackage(reference.target, pkg)),
  },
  {
    id: 'domain-no-host-io',
    text: `domain modules do no I/O of their own: of Node's built-ins only ${[...PURE_BUILTINS].join(', ')}, and no ${IO_PACKAGES.join(', ')}; put the I/O behind a port (types.ts) implemented by a host or lib/aws.`,
    appliesTo: isDomain,
    forbids: (reference) => {
      if (!runtime(reference)) return false;
      const builtin = builtinRoot(reference.target);
      return builtin === undefined
        ? IO_PACKAGES.some((pkg) => isPackage(reference.target, pkg))
        : !PURE_BUILTINS.has(builtin);
    },
  },
  {
    id: 'domain-no-network-globals',
    text: 'domain modules do not call the global fetch or WebSocket; lib/camunda is the one HTTP boundary (createCamundaClient takes `fetch` as a dependency): go through the CamundaPort, or take the function as a parameter.',
    appliesTo: (path) => isDomain(path) && !path.startsWith('lib/camunda/'),
    forbids: (reference) => reference.kind === 'global',
  },
  {
    id: 'domain-inward-only',
    text: `domain modules import no adapter (${ADAPTERS.join(', ')}), host (lib/local, lib/cli, functions/) or infra/, not even types: declare the port in the domain and implement it outside.`,
    appliesTo: isDomain,
    forbids: (reference) =>
      inAny(reference.target, [...ADAPTERS, ...HOSTS, 'infra/']),
  },
  {
    id: 'adapters-no-hosts',
    text: 'an adapter implements ports; it imports no host (lib/local, lib/cli, functions/) and no infra/.',
    appliesTo: (path) => inAny(path, ADAPTERS),
    forbids: (reference) => inAny(reference.target, [...HOSTS, 'infra/']),
  },
  {
    id: 'product-no-tools-or-tests',
    text: 'lib/, functions/ and infra/ never import tools/ or test/: neither is bundled nor shipped.',
    appliesTo: isProduct,
    forbids: (reference) => inAny(reference.target, ['tools/', 'test/']),
  },
  {
    id: 'no-cdk-at-runtime',
    text: 'the CDK is synth-time only (infra/): lib/ and functions/ never load aws-cdk-lib, constructs or cdk-nag.',
    appliesTo: (path) => inAny(path, ['lib/', 'functions/']),
    forbids: (reference) =>
      runtime(reference) &&
      CDK_PACKAGES.some((pkg) => isPackage(reference.target, pkg)),
  },
  {
    id: 'checkable-imports',
    text: 'a dynamic import() or require() in the product names its module with a string literal, so that the layering rules can check it.',
    appliesTo: isProduct,
    forbids: (reference) => reference.target === '<computed>',
  },
];

/**
 * Violations tolerated for now. Each names the issue that removes it; an
 * entry that no longer matches anything fails the test, so delete it then.
 */
const EXCEPTIONS: readonly LayerException[] = [];

/** Every TypeScript file of lib/, functions/ and infra/. */
const readProductSources = (): SourceText[] =>
  ['lib', 'functions', 'infra'].flatMap((dir) =>
    readdirSync(new URL(`${dir}/`, ROOT), { recursive: true })
      .map((name) => `${dir}/${String(name).replaceAll('\\', '/')}`)
      .filter((path) => /\.[cm]?tsx?$/.test(path))
      .map((path) => ({
        path,
        text: readFileSync(new URL(path, ROOT), 'utf8'),
      }))
  );

/** The check of the product, done once for the tests that read it. */
let productReport: LayeringReport | undefined;
const checkProduct = (sources: readonly SourceText[]): LayeringReport => {
  productReport ??= checkLayering(sources, RULES, EXCEPTIONS);
  return productReport;
};

describe('Architecture: layering', () => {
  it('keeps every import of lib/, functions/ and infra/ in its layer', () => {
    // Prepare
    const sources = readProductSources();

    // Act
    const report = checkProduct(sources);

    // Assess
    expect(sources.map((source) => source.path)).toEqual(
      expect.arrayContaining([
        'lib/consumer/createBatchProcessor.ts',
        'lib/aws/sqsDeadLetterSink.ts',
        'functions/consumer.ts',
        'infra/KafkaInboundStack.ts',
      ])
    );
    expect(report.violations.map(formatViolation)).toEqual([]);
  });

  it('has no exception left that nothing needs', () => {
    // Act
    const report = checkProduct(readProductSources());

    // Assess
    expect(
      report.staleExceptions.map(
        (exception) =>
          `${exception.path} no longer breaks ${exception.rule}: delete its exception (${exception.reason})`
      )
    ).toEqual([]);
  });

  it('reads the runtime AWS imports of the adapters it lets through', () => {
    // Prepare
    const path = 'lib/aws/sqsDeadLetterSink.ts';

    // Act
    const references = readReferences(
      path,
      readFileSync(new URL(path, ROOT), 'utf8')
    );

    // Assess
    expect(references).toContainEqual(
      expect.objectContaining({
        kind: 'import',
        target: '@aws-sdk/client-sqs',
        typeOnly: false,
      })
    );
  });
});

describe('Function: checkLayering', () => {
  /** Violations of in-memory files, as `path:line rule`. */
  const check = (
    files: Record<string, string>,
    exceptions: readonly LayerException[] = []
  ): string[] =>
    checkLayering(
      Object.entries(files).map(([path, text]) => ({ path, text })),
      RULES,
      exceptions
    ).violations.map(
      ({ path, reference, rule }) => `${path}:${reference.line} ${rule.id}`
    );

  it('finds host I/O in a domain module, in every form of import', () => {
    // Act
    const found = check({
      'lib/binding/readXml.ts': "import { readFileSync } from 'node:fs';",
      'lib/feel/sockets.ts': "import * as net from 'net';",
      'lib/kafka/lazy.ts': "const { Kafka } = await import('kafkajs');",
      'lib/esm/spawn.ts': "export { spawn } from 'node:child_process';",
      'lib/consumer/all.ts': "export * from 'node:http';",
      'lib/platform/old.ts': "const fs = require('fs/promises');",
      'lib/bpmn/lazy.ts':
        "import { createRequire } from 'node:module';\nexport const net = () => createRequire(import.meta.url)('node:net');",
      'lib/provisioning/side.ts': "import 'node:https';",
    });

    // Assess
    expect(found).toEqual([
      'lib/binding/readXml.ts:1 domain-no-host-io',
      'lib/feel/sockets.ts:1 domain-no-host-io',
      'lib/kafka/lazy.ts:1 domain-no-host-io',
      'lib/esm/spawn.ts:1 domain-no-host-io',
      'lib/consumer/all.ts:1 domain-no-host-io',
      'lib/platform/old.ts:1 domain-no-host-io',
      'lib/bpmn/lazy.ts:2 domain-no-host-io',
      'lib/provisioning/side.ts:1 domain-no-host-io',
    ]);
  });

  it('lets type-only imports, pure built-ins and ambient declarations through', () => {
    // Act
    const found = check({
      'lib/esm/types.ts': [
        "import type { SourceAccessConfiguration } from '@aws-sdk/client-lambda';",
        "import type { Consumer } from 'kafkajs';",
        "export type { Context } from '@aws-sdk/client-lambda';",
        "type Client = typeof import('@aws-sdk/client-lambda');",
        "import { createHash } from 'node:crypto';",
        "import { inspect } from 'util';",
      ].join('\n'),
      'lib/bpmn/moddle.d.ts':
        "declare module 'bpmn-moddle' { import { Agent } from 'node:http'; }",
    });

    // Assess
    expect(found).toEqual([]);
  });

  it('lets adapters and hosts do I/O', () => {
    // Act
    const found = check({
      'lib/registry/client.ts': "import { request } from 'node:https';",
      'lib/local/consumer.ts': "import { Kafka } from 'kafkajs';",
      'lib/cli/io.ts': "import { readFile } from 'node:fs/promises';",
      'functions/consumer.ts': "import { createServer } from 'node:net';",
    });

    // Assess
    expect(found).toEqual([]);
  });

  it('counts an import of inline type specifiers as a runtime import', () => {
    // Act
    const found = check({
      'lib/esm/client.ts':
        "import { type LambdaClient } from '@aws-sdk/client-lambda';",
    });

    // Assess
    expect(found).toEqual(['lib/esm/client.ts:1 aws-only-in-lib-aws']);
  });

  it('keeps the AWS SDK, Powertools and middy in lib/aws, and allows them in functions/', () => {
    // Act
    const found = check({
      'lib/aws/queue.ts': "import { SQSClient } from '@aws-sdk/client-sqs';",
      'lib/cli/status.ts':
        "import { LambdaClient } from '@aws-sdk/client-lambda';\nimport { readFile } from 'node:fs/promises';",
      'lib/local/log.ts':
        "import { Logger } from '@aws-lambda-powertools/logger';",
      'lib/consumer/wrap.ts': "import middy from '@middy/core';",
      'functions/consumer.ts':
        "import middy from '@middy/core';\nimport { SQSClient } from '@aws-sdk/client-sqs';",
    });

    // Assess
    expect(found).toEqual([
      'lib/cli/status.ts:1 aws-only-in-lib-aws',
      'lib/local/log.ts:1 aws-only-in-lib-aws',
      'lib/consumer/wrap.ts:1 aws-only-in-lib-aws',
    ]);
  });

  it('allows the global fetch in lib/camunda only, unless the name is a local binding', () => {
    // Act
    const found = check({
      'lib/camunda/client.ts':
        'export const pick = (d: { fetch?: typeof fetch }) => d.fetch ?? globalThis.fetch;',
      'lib/bpmn/download.ts': [
        'export const get = (url: string) => fetch(url);',
        'export const socket = new globalThis.WebSocket("ws://x");',
        'export const deps = { fetch };',
      ].join('\n'),
      'lib/provisioning/inject.ts':
        "export const run = (fetch: typeof globalThis.fetch) => fetch('x');",
      'lib/local/http.ts': "export const get = () => fetch('http://x');",
    });

    // Assess
    expect(found).toEqual([
      'lib/bpmn/download.ts:1 domain-no-network-globals',
      'lib/bpmn/download.ts:2 domain-no-network-globals',
      'lib/bpmn/download.ts:3 domain-no-network-globals',
    ]);
  });

  it('keeps dependencies pointing inward, types included', () => {
    // Act
    const found = check({
      'lib/consumer/index.ts': [
        "export { createBindingStore } from '../aws/index.js';",
        "export type { CliIo } from '../cli/io.js';",
      ].join('\n'),
      'lib/provisioning/ports.ts':
        "import type { Handler } from '../../functions/provisioner.js';",
      'lib/esm/stack.ts':
        "import type { KafkaInboundStack } from '../../infra/KafkaInboundStack.js';",
      'lib/aws/store.ts': "import type { CliIo } from '../cli/io.js';",
      'lib/cli/main.ts':
        "import { createBindingStore } from '../aws/index.js';\nimport { startLocalRuntime } from '../local/index.js';",
    });

    // Assess
    expect(found).toEqual([
      'lib/consumer/index.ts:1 domain-inward-only',
      'lib/consumer/index.ts:2 domain-inward-only',
      'lib/provisioning/ports.ts:1 domain-inward-only',
      'lib/esm/stack.ts:1 domain-inward-only',
      'lib/aws/store.ts:1 adapters-no-hosts',
    ]);
  });

  it('keeps tools/, test/ and the CDK out of the product', () => {
    // Act
    const found = check({
      'functions/consumer.ts':
        "import { runSoak } from '../tools/soak/index.js';",
      'infra/app.ts':
        "import type { Fake } from '../test/support/fakeCamunda.js';",
      'lib/local/stack.ts': "const { Stack } = require('aws-cdk-lib');",
      'infra/Stack.ts': "import { Stack } from 'aws-cdk-lib';",
      'tools/soak/run.ts':
        "import { readFile } from 'node:fs';\nimport { SQSClient } from '@aws-sdk/client-sqs';",
    });

    // Assess
    expect(found).toEqual([
      'functions/consumer.ts:1 product-no-tools-or-tests',
      'infra/app.ts:1 product-no-tools-or-tests',
      'lib/local/stack.ts:1 no-cdk-at-runtime',
    ]);
  });

  it('refuses a dynamic import it cannot read', () => {
    // Act
    const found = check({
      'lib/cli/main.ts': "const name = './validate.js';\nawait import(name);",
    });

    // Assess
    expect(found).toEqual(['lib/cli/main.ts:2 checkable-imports']);
  });

  it('names the file, the import and the rule in its message', () => {
    // Prepare
    const report = checkLayering(
      [
        {
          path: 'lib/binding/readXml.ts',
          text: "import { readFileSync } from 'node:fs';",
        },
      ],
      RULES
    );

    // Act
    const messages = report.violations.map(formatViolation);

    // Assess
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(
      /^lib\/binding\/readXml\.ts:1: import 'node:fs' breaks rule domain-no-host-io: domain modules do no I\/O/
    );
  });

  it('excuses an exception and reports one nothing needs', () => {
    // Prepare
    const exceptions: LayerException[] = [
      { path: 'lib/cli/status.ts', rule: 'aws-only-in-lib-aws', reason: 'a' },
      { path: 'lib/cli/gone.ts', rule: 'aws-only-in-lib-aws', reason: 'b' },
    ];

    // Act
    const report = checkLayering(
      [
        {
          path: 'lib/cli/status.ts',
          text: "import { LambdaClient } from '@aws-sdk/client-lambda';",
        },
      ],
      RULES,
      exceptions
    );

    // Assess
    expect(report.violations).toEqual([]);
    expect(report.staleExceptions).toEqual([exceptions[1]]);
  });
});
