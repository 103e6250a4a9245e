/**
 * One rule of the secret-reference policy: which secret names
 * (`{{secrets.NAME}}`, the users' secret namespace) the bindings of the
 * selected processes may reference. A rule selects by process id
 * (`processes`: exact ids, or a prefix ending with `*`) and/or by the
 * file's S3 key (`path`: a key prefix); a rule with neither applies to
 * every file. A name is allowed when it starts with one of `secrets` of a
 * rule that applies (`""` allows every name).
 */
interface SecretReferenceRule {
  readonly processes?: readonly string[];
  readonly path?: string;
  readonly secrets: readonly string[];
}

/** What an uploaded file may ask for (see docs/binding-model.md, "Upload policy"). */
interface UploadPolicy {
  /** Absent: every secret name may be referenced (the policy is open). */
  readonly secretReferences?: readonly SecretReferenceRule[];
  /** Most bindings (aliases + ESMs) one file may define. */
  readonly maxBindingsPerFile: number;
  /** Most bindings the platform holds, over every file. */
  readonly maxBindingsPerPlatform: number;
}

export type { SecretReferenceRule, UploadPolicy };
