import { EsmSecretArnMissingError } from './errors.js';
import type { EsmPlan } from './types.js';

const PLACEHOLDER = 'secret:';

/**
 * Replaces the `secret:<name>` placeholders of a plan's access
 * configurations with the ARNs of the secrets once they exist.
 *
 * @param plan - a plan from `buildEsmPlan`
 * @param arnsByName - secret name → secret ARN
 * @throws EsmSecretArnMissingError when a placeholder's name has no ARN
 */
const withSecretArns = (
  plan: EsmPlan,
  arnsByName: ReadonlyMap<string, string> | Readonly<Record<string, string>>
): EsmPlan => {
  const lookup = (name: string): string | undefined =>
    arnsByName instanceof Map
      ? arnsByName.get(name)
      : (arnsByName as Readonly<Record<string, string>>)[name];
  const configurations = plan.request.SourceAccessConfigurations?.map(
    (configuration) => {
      const uri = configuration.URI;
      if (uri === undefined || !uri.startsWith(PLACEHOLDER)) {
        return configuration;
      }
      const name = uri.slice(PLACEHOLDER.length);
      const arn = lookup(name);
      if (arn === undefined) {
        throw new EsmSecretArnMissingError(name);
      }
      return { ...configuration, URI: arn };
    }
  );
  return configurations === undefined
    ? plan
    : {
        ...plan,
        request: {
          ...plan.request,
          SourceAccessConfigurations: configurations,
        },
      };
};

export { withSecretArns };
