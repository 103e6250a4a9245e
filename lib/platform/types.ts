import type { EsmMode, OrderingMode } from '../consumer/types.js';

/** How the platform runs bindings unless a binding record says otherwise. */
interface PlatformDefaults {
  readonly ordering: OrderingMode;
  readonly keyConcurrency: number;
  readonly esmMode: EsmMode;
  /** `CAMUNDA_TENANT_ID`: the tenant of every Camunda call. */
  readonly tenantId?: string;
}

/** Environment variables as the functions, the CLI and the local runtime see them. */
type Env = Readonly<Record<string, string | undefined>>;

export type { Env, PlatformDefaults };
