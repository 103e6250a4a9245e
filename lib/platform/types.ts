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
  /**
   * `DEADLINE_MARGIN_MS`: time kept free under a deadline on top of the
   * Camunda request timeout before a record is started (default 2000).
   */
  readonly deadlineMarginMs: number;
}

export type { PlatformDefaults };
