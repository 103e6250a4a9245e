import { scanSecretReferences } from '../binding/index.js';
import type { Binding } from '../binding/types.js';
import type { Problem } from '../bpmn/types.js';
import { allowedSecretPrefixes } from './allowedSecretPrefixes.js';
import { isSecretNameAllowed } from './isSecretNameAllowed.js';
import type { SecretReferenceRule } from './types.js';

/** Where in a binding a secret name is referenced: the property, for the message. */
const referencesOf = (binding: Binding): Map<string, string> => {
  const { kafka } = binding;
  const fields: [string, string | undefined][] = [
    ['topic.bootstrapServers', kafka.bootstrapServers.join(',')],
    ['topic.topicName', kafka.topic],
    ['groupId', kafka.groupId],
    ['authentication.username', kafka.authentication.username],
    ['authentication.password', kafka.authentication.password],
    ...Object.entries(kafka.authentication.tls ?? {}).map(
      ([name, value]): [string, string] => [`tls ${name}`, value]
    ),
    ...(kafka.schema.type === 'schemaRegistry'
      ? [
          [
            'schemaStrategy.schemaRegistryUrl',
            kafka.schema.schemaRegistryUrl,
          ] as [string, string],
        ]
      : []),
    ...Object.entries(kafka.clientProperties).map(
      ([name, value]): [string, string] => [`Kafka property ${name}`, value]
    ),
  ];
  const where = new Map<string, string>();
  for (const [property, value] of fields) {
    if (value === undefined) continue;
    for (const reference of scanSecretReferences(value)) {
      if (!where.has(reference.name)) where.set(reference.name, property);
    }
  }
  for (const name of binding.secrets) {
    if (!where.has(name)) where.set(name, 'a connector property');
  }
  return where;
};

/**
 * Enforces the secret-reference policy: every `{{secrets.NAME}}` a binding
 * references must start with a prefix of a rule that applies to its
 * process and file. One error per name not allowed, naming the element,
 * the property that references it, and what is allowed. Without rules
 * (`undefined`) every name is allowed.
 *
 * @param bindings - the file's bindings
 * @param sourceKey - the file's S3 key (for `path` rules)
 * @param rules - the policy's rules, when there is a policy
 */
const checkSecretReferences = (
  bindings: readonly Binding[],
  sourceKey: string,
  rules: readonly SecretReferenceRule[] | undefined
): Problem[] => {
  if (rules === undefined) return [];
  const problems: Problem[] = [];
  for (const binding of bindings) {
    const allowed = allowedSecretPrefixes(rules, binding.processId, sourceKey);
    for (const [name, property] of referencesOf(binding)) {
      if (isSecretNameAllowed(rules, binding.processId, sourceKey, name)) {
        continue;
      }
      const may =
        allowed.length === 0
          ? 'no secret names'
          : `only names starting with ${allowed.map((p) => `"${p}"`).join(', ')}`;
      problems.push({
        ...(binding.elements[0] === undefined
          ? {}
          : { elementId: binding.elements[0].elementId }),
        property: property.startsWith('Kafka property ')
          ? 'additionalProperties'
          : property,
        message: `{{secrets.${name}}} (in ${property}) is not allowed by the upload policy: process ${binding.processId} in ${sourceKey} may reference ${may} (SECRET_REFERENCE_POLICY)`,
      });
    }
  }
  return problems;
};

export { checkSecretReferences };
