import { describe, expect, it } from 'vitest';
import { buildUpdateRequest } from '../../lib/provisioning/index.js';
import { desiredBinding } from '../support/factories/index.js';

describe('Function: buildUpdateRequest', () => {
  it('sends every updatable field and none of the create-only ones', () => {
    // Prepare
    const { request } = desiredBinding({ batchSize: 50 }).plan;

    // Act
    const update = buildUpdateRequest('uuid-1', request);

    // Assess
    expect(update).toEqual({
      UUID: 'uuid-1',
      Enabled: true,
      BatchSize: 50,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('resets fields the previous request set and the new one does not', () => {
    // Prepare
    const previous = {
      ...desiredBinding({ batchSize: 50 }).plan.request,
      DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:x:y:z' } },
      SourceAccessConfigurations: [{ Type: 'BASIC_AUTH' as const, URI: 'a' }],
    };
    const { request } = desiredBinding().plan;

    // Act
    const update = buildUpdateRequest('uuid-1', request, previous);

    // Assess
    expect(update).toEqual({
      UUID: 'uuid-1',
      Enabled: true,
      BatchSize: 100,
      DestinationConfig: { OnFailure: {} },
      SourceAccessConfigurations: [],
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });
});
