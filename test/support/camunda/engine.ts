import { createHash } from 'node:crypto';
import { bpmnProcesses } from './bpmnProcesses.js';
import type {
  CreatedInstance,
  KnownProcess,
  MessageSubscription,
  PublishedMessage,
} from './types.js';

/** A status and JSON body the gateway answers with. */
interface EngineAnswer {
  readonly status: number;
  readonly body?: unknown;
}

/** Outcome of an engine command: the result or a rejection. */
type EngineResult<T> =
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false;
      readonly status: number;
      readonly title: string;
      readonly detail: string;
    };

interface EngineOptions {
  readonly knownProcessIds?: readonly string[];
  readonly now: () => number;
  /** Reject a business id already used by an instance of the definition. */
  readonly businessIdUniqueness?: boolean;
}

/** The simulated engine; its lists are live. */
interface DoubleEngine {
  readonly processes: readonly KnownProcess[];
  readonly instances: readonly CreatedInstance[];
  readonly messages: readonly PublishedMessage[];
  /** Message subscriptions, in the order they were opened. */
  readonly subscriptions: readonly MessageSubscription[];
  nextKey(): string;
  /**
   * An instance of the definition waiting at `elementId` for the message
   * `messageName` with `correlationKey`: a new instance and its subscription
   * (state CREATED). A published message that matches correlates it.
   */
  openSubscription(command: {
    processDefinitionKey: string;
    elementId: string;
    messageName: string;
    correlationKey: string;
  }): MessageSubscription;
  /**
   * Deletes a process definition (8.9+): its state becomes DELETED, the
   * subscriptions of its instances are deleted. Returns false when unknown.
   */
  deleteDefinition(processDefinitionKey: string): boolean;
  createInstance(command: {
    processDefinitionId?: string;
    processDefinitionVersion?: number;
    processDefinitionKey?: string;
    variables?: Record<string, unknown>;
    tenantId: string;
    businessId?: string;
  }): EngineResult<CreatedInstance>;
  publishMessage(command: {
    name: string;
    correlationKey: string;
    timeToLive: number;
    messageId?: string;
    variables?: Record<string, unknown>;
    tenantId: string;
  }): EngineResult<PublishedMessage>;
  deploy(
    files: readonly ResourceFile[],
    tenantId: string
  ): EngineResult<{ deploymentKey: string; deployments: unknown[] }>;
}

interface ResourceFile {
  readonly name: string;
  readonly text: string;
}

// Buffered message ids kept before expired ones are swept out.
const SWEEP_MIN_SIZE = 1024;

// Zeebe keys of partition 1 start at 2^51 + 1.
const FIRST_KEY = 2_251_799_813_685_249n;

const reject = <T>(
  status: number,
  title: string,
  detail: string
): EngineResult<T> => ({ ok: false, status, title, detail });

/**
 * The engine rules the double simulates: process definitions (versions,
 * keys), instance creation, buffered messages with id uniqueness, and
 * deployments. Keys are Java longs as strings, as Camunda returns them.
 */
const createEngine = (options: EngineOptions): DoubleEngine => {
  let nextKeyValue = FIRST_KEY;
  const processes: KnownProcess[] = [];
  const subscriptions: MessageSubscription[] = [];
  const contentHashes = new Map<KnownProcess, string>();
  const instances: CreatedInstance[] = [];
  const messages: PublishedMessage[] = [];
  // tenant, name, correlation key, message id → expiry (double's clock).
  const buffered = new Map<string, number>();
  let sweepAt = SWEEP_MIN_SIZE;
  // tenant, process definition id, business id of instances (all active).
  const businessIds = new Set<string>();

  const nextKey = (): string => {
    const key = nextKeyValue.toString();
    nextKeyValue += 1n;
    return key;
  };

  const register = (
    processDefinitionId: string,
    tenantId: string,
    resourceName: string,
    hasNoneStartEvent: boolean,
    xml?: string
  ): KnownProcess => {
    const version =
      processes.filter(
        (p) =>
          p.processDefinitionId === processDefinitionId &&
          p.tenantId === tenantId
      ).length + 1;
    const process: KnownProcess = {
      processDefinitionId,
      processDefinitionKey: nextKey(),
      processDefinitionVersion: version,
      tenantId,
      resourceName,
      hasNoneStartEvent,
      xml:
        xml ??
        `<?xml version="1.0" encoding="UTF-8"?>\n<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="${processDefinitionId}_definitions" targetNamespace="http://bpmn.io/schema/bpmn"><bpmn:process id="${processDefinitionId}" isExecutable="true"><bpmn:startEvent id="start" /></bpmn:process></bpmn:definitions>`,
      state: 'ACTIVE',
    };
    processes.push(process);
    return process;
  };

  for (const id of options.knownProcessIds ?? []) {
    register(id, '<default>', `${id}.bpmn`, true);
  }

  // A deleted latest version hands "latest" back to the version before it.
  const latest = (id: string, tenantId: string): KnownProcess | undefined =>
    processes
      .filter(
        (p) =>
          p.processDefinitionId === id &&
          p.tenantId === tenantId &&
          p.state === 'ACTIVE'
      )
      .at(-1);

  const createInstance = (command: {
    processDefinitionId?: string;
    processDefinitionVersion?: number;
    processDefinitionKey?: string;
    variables?: Record<string, unknown>;
    tenantId: string;
    businessId?: string;
  }): EngineResult<CreatedInstance> => {
    let process: KnownProcess | undefined;
    const notFound = "Command 'CREATE' rejected with code 'NOT_FOUND': ";
    if (command.processDefinitionKey !== undefined) {
      process = processes.find(
        (p) =>
          p.processDefinitionKey === command.processDefinitionKey &&
          p.tenantId === command.tenantId &&
          p.state === 'ACTIVE'
      );
      if (process === undefined) {
        return reject(
          404,
          'NOT_FOUND',
          `${notFound}Expected to find process definition with key '${command.processDefinitionKey}', but none found`
        );
      }
    } else {
      const id = command.processDefinitionId ?? '';
      const version = command.processDefinitionVersion ?? -1;
      process =
        version === -1
          ? latest(id, command.tenantId)
          : processes.find(
              (p) =>
                p.processDefinitionId === id &&
                p.processDefinitionVersion === version &&
                p.tenantId === command.tenantId
            );
      // With no known ids configured, any process id exists (version 1).
      if (
        process === undefined &&
        options.knownProcessIds === undefined &&
        version <= 1
      ) {
        process = register(id, command.tenantId, `${id}.bpmn`, true);
      }
      if (process === undefined) {
        return reject(
          404,
          'NOT_FOUND',
          version === -1
            ? `${notFound}Expected to find process definition with process ID '${id}', but none found`
            : `${notFound}Expected to find process definition with process ID '${id}' and version '${version}', but none found`
        );
      }
    }
    if (!process.hasNoneStartEvent) {
      return reject(
        409,
        'INVALID_STATE',
        "Command 'CREATE' rejected with code 'INVALID_STATE': Expected to create instance of process with none start event, but there is no such event"
      );
    }
    const { businessId } = command;
    // Scoped like Zeebe's: definition id (all versions) and tenant.
    const businessKey =
      businessId === undefined
        ? undefined
        : JSON.stringify([
            command.tenantId,
            process.processDefinitionId,
            businessId,
          ]);
    if (
      businessKey !== undefined &&
      options.businessIdUniqueness === true &&
      businessIds.has(businessKey)
    ) {
      return reject(
        409,
        'ALREADY_EXISTS',
        `Command 'CREATE' rejected with code 'ALREADY_EXISTS': Expected to create instance of process with business id '${businessId}', but an instance with this business id already exists for process definition '${process.processDefinitionId}'`
      );
    }
    const instance: CreatedInstance = {
      processInstanceKey: nextKey(),
      processDefinitionId: process.processDefinitionId,
      processDefinitionKey: process.processDefinitionKey,
      processDefinitionVersion: process.processDefinitionVersion,
      variables: command.variables ?? {},
      tenantId: command.tenantId,
      ...(businessId === undefined ? {} : { businessId }),
    };
    if (businessKey !== undefined) businessIds.add(businessKey);
    instances.push(instance);
    return { ok: true, value: instance };
  };

  const publishMessage = (command: {
    name: string;
    correlationKey: string;
    timeToLive: number;
    messageId?: string;
    variables?: Record<string, unknown>;
    tenantId: string;
  }): EngineResult<PublishedMessage> => {
    const now = options.now();
    // An expired id no longer blocks (checked on lookup); expired ids are
    // swept out now and then: a sweep on every publish made long runs (the
    // soak) quadratic.
    if (buffered.size >= sweepAt) {
      for (const [id, expiresAt] of buffered) {
        if (expiresAt <= now) buffered.delete(id);
      }
      sweepAt = Math.max(SWEEP_MIN_SIZE, buffered.size * 2);
    }
    // Zeebe checks uniqueness only for a non-empty id (hasMessageId()).
    const bufferId =
      command.messageId === undefined || command.messageId === ''
        ? undefined
        : JSON.stringify([
            command.tenantId,
            command.name,
            command.correlationKey,
            command.messageId,
          ]);
    const expiresAt =
      bufferId === undefined ? undefined : buffered.get(bufferId);
    if (expiresAt !== undefined && expiresAt > now) {
      return reject(
        409,
        'ALREADY_EXISTS',
        `Command 'PUBLISH' rejected with code 'ALREADY_EXISTS': Expected to publish a new message with id '${command.messageId}', but a message with that id was already published`
      );
    }
    // Only a buffered message (TTL > 0) blocks its id, as in Zeebe.
    if (bufferId !== undefined && command.timeToLive > 0) {
      buffered.set(bufferId, now + command.timeToLive);
    }
    const message: PublishedMessage = {
      messageKey: nextKey(),
      name: command.name,
      correlationKey: command.correlationKey,
      ...(command.messageId === undefined
        ? {}
        : { messageId: command.messageId }),
      timeToLive: command.timeToLive,
      variables: command.variables ?? {},
      tenantId: command.tenantId,
      publishedAt: now,
    };
    messages.push(message);
    // Zeebe correlates the message to every instance waiting for it.
    for (const subscription of subscriptions) {
      if (
        subscription.state === 'CREATED' &&
        subscription.messageName === command.name &&
        subscription.correlationKey === command.correlationKey &&
        subscription.tenantId === command.tenantId
      ) {
        subscription.state = 'CORRELATED';
        subscription.lastUpdatedDate = new Date(now).toISOString();
      }
    }
    return { ok: true, value: message };
  };

  const openSubscription = (command: {
    processDefinitionKey: string;
    elementId: string;
    messageName: string;
    correlationKey: string;
  }): MessageSubscription => {
    const process = processes.find(
      (p) => p.processDefinitionKey === command.processDefinitionKey
    );
    if (process === undefined) {
      throw new Error(
        `Camunda double: no process definition ${command.processDefinitionKey}`
      );
    }
    const subscription: MessageSubscription = {
      messageSubscriptionKey: nextKey(),
      processDefinitionId: process.processDefinitionId,
      processDefinitionKey: process.processDefinitionKey,
      processInstanceKey: nextKey(),
      elementId: command.elementId,
      elementInstanceKey: nextKey(),
      messageName: command.messageName,
      correlationKey: command.correlationKey,
      tenantId: process.tenantId,
      state: 'CREATED',
      lastUpdatedDate: new Date(options.now()).toISOString(),
    };
    subscriptions.push(subscription);
    return subscription;
  };

  const deleteDefinition = (processDefinitionKey: string): boolean => {
    const process = processes.find(
      (p) => p.processDefinitionKey === processDefinitionKey
    );
    if (process === undefined) return false;
    process.state = 'DELETED';
    for (const subscription of subscriptions) {
      if (
        subscription.processDefinitionKey === processDefinitionKey &&
        subscription.state === 'CREATED'
      ) {
        subscription.state = 'DELETED';
      }
    }
    return true;
  };

  const deploy = (
    files: readonly ResourceFile[],
    tenantId: string
  ): EngineResult<{ deploymentKey: string; deployments: unknown[] }> => {
    const problems: string[] = [];
    const planned: {
      file: ResourceFile;
      kind: 'bpmn' | 'other';
      processes: ReturnType<typeof bpmnProcesses>;
    }[] = [];
    for (const file of files) {
      if (/\.(bpmn|xml)$/i.test(file.name)) {
        const found = bpmnProcesses(file.text);
        if (found.length === 0) {
          problems.push(
            `'${file.name}': Must contain at least one executable process`
          );
        }
        planned.push({ file, kind: 'bpmn', processes: found });
      } else if (/\.(dmn|form|rpa)$/i.test(file.name)) {
        planned.push({ file, kind: 'other', processes: [] });
      } else {
        problems.push(`'${file.name}': Resource type is not supported`);
      }
    }
    if (problems.length > 0) {
      return reject(
        400,
        'INVALID_ARGUMENT',
        `Command 'CREATE' rejected with code 'INVALID_ARGUMENT': Expected to deploy new resources, but encountered the following errors:\n${problems.join('\n')}`
      );
    }
    const deployments: unknown[] = [];
    for (const { file, kind, processes: found } of planned) {
      if (kind === 'other') {
        deployments.push({
          processDefinition: null,
          decisionDefinition: null,
          decisionRequirements: null,
          form: null,
          resource: {
            resourceId: file.name.replace(/\.[^.]+$/, ''),
            resourceKey: nextKey(),
            resourceName: file.name,
            version: 1,
            tenantId,
          },
        });
        continue;
      }
      for (const info of found) {
        const hash = createHash('sha256')
          .update(file.text)
          .update(info.id)
          .digest('hex');
        const previous = latest(info.id, tenantId);
        // Zeebe deduplicates an unchanged resource: same version and key.
        const process =
          previous !== undefined && contentHashes.get(previous) === hash
            ? previous
            : register(
                info.id,
                tenantId,
                file.name,
                info.hasNoneStartEvent,
                file.text
              );
        contentHashes.set(process, hash);
        deployments.push({
          processDefinition: {
            processDefinitionId: process.processDefinitionId,
            processDefinitionVersion: process.processDefinitionVersion,
            resourceName: file.name,
            tenantId,
            processDefinitionKey: process.processDefinitionKey,
          },
          decisionDefinition: null,
          decisionRequirements: null,
          form: null,
          resource: null,
        });
      }
    }
    return { ok: true, value: { deploymentKey: nextKey(), deployments } };
  };

  return {
    processes,
    instances,
    messages,
    subscriptions,
    nextKey,
    createInstance,
    publishMessage,
    deploy,
    openSubscription,
    deleteDefinition,
  };
};

export type { DoubleEngine, EngineAnswer, EngineResult, ResourceFile };
export { createEngine };
