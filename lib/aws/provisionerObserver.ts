import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type {
  DiscoveryReport,
  ProvisionerObserver,
  VersionCheckReport,
} from '../provisioning/types.js';

/** Metric per object-event outcome (namespace METRIC_NAMESPACE). */
const METRIC_BY_OUTCOME = {
  applied: 'provisionerApplied',
  rejected: 'provisionerRejected',
  removed: 'provisionerRemoved',
  skipped: 'provisionerSkipped',
} as const;

const METRIC_BY_CHECK = {
  waiting: 'versionCheckWaiting',
  none: 'versionCheckEmpty',
  retired: 'versionRetired',
  failed: 'versionCheckFailed',
} as const satisfies Record<VersionCheckReport['outcome'], string>;

const METRIC_BY_DISCOVERY = {
  provisioned: 'discoveryProvisioned',
  rejected: 'discoveryRejected',
  superseded: 'discoveryRemoved',
  bucketOwned: 'discoveryBucketOwned',
  failed: 'discoveryFailed',
} as const satisfies Record<DiscoveryReport['outcome'], string>;

/**
 * The provisioner's observer: logs each object event's outcome, each
 * version check and discovery, and counts them in the Powertools metrics
 * (service SERVICE_NAMES.provisioner).
 *
 * @param logger - the Powertools logger
 * @param metrics - the Powertools metrics (namespace METRIC_NAMESPACE)
 */
const provisionerObserver = (
  logger: Logger,
  metrics: Metrics
): ProvisionerObserver => ({
  onOutcome: (event, outcome) => {
    metrics.addMetric(METRIC_BY_OUTCOME[outcome.kind], MetricUnit.Count, 1);
    logger.info('provisioned', {
      key: event.key,
      event: event.kind,
      sequencer: event.sequencer,
      outcome,
    });
  },
  onVersionCheck: (report) => {
    metrics.addMetric(METRIC_BY_CHECK[report.outcome], MetricUnit.Count, 1);
    if (report.outcome === 'failed') {
      logger.warn(
        'version check failed: nothing deprovisioned, retried at the next check',
        {
          ...report,
        }
      );
    } else {
      logger.info('version checked', { ...report });
    }
  },
  onDiscovery: (report) => {
    metrics.addMetric(METRIC_BY_DISCOVERY[report.outcome], MetricUnit.Count, 1);
    if (report.outcome === 'failed' || report.outcome === 'rejected') {
      logger.warn('discovery: nothing changed for this process', { ...report });
    } else {
      logger.info('discovery', { ...report });
    }
  },
  onFailure: (event, error) => {
    metrics.addMetric('provisionerFailed', MetricUnit.Count, 1);
    logger.error('provisioning failed', {
      key: event.key,
      event: event.kind,
      error:
        error instanceof Error
          ? { name: error.name, message: error.message }
          : 'unknown',
    });
  },
});

export { provisionerObserver };
