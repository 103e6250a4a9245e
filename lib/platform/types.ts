import type { EsmMode, OrderingMode } from '../consumer/types.js';

/** How the platform runs bindings unless a binding record says otherwise. */
interface PlatformDefaults {
  readonly ordering: OrderingMode;
  readonly keyConcurrency: number;
  readonly esmMode: EsmMode;
  /** `CAMUNDA_TENANT_ID`: the tenant of every Camunda call. */
  readonly tenantId?: string;
  /**
   * `CAMUNDA_BUSINESS_ID_UNIQUENESS`: the cluster (Camunda 8.9+) enforces
   * unique business ids, so create-instance calls carry one per record.
   */
  readonly businessIdUniqueness: boolean;
}

export type { PlatformDefaults };
