import { describe, expect, it } from 'vitest';
import {
  classifyCamundaFailure,
  classifyCamundaResponse,
} from '../../lib/camunda/index.js';

const problem = (status: number, title: string, detail: string) => ({
  type: 'about:blank',
  title,
  status,
  detail,
  instance: '/v2/messages/publication',
});

describe('Function: classifyCamundaResponse', () => {
  it.each([
    { status: 429, title: 'TOO_MANY_REQUESTS', detail: '', kind: 'retry' },
    { status: 502, title: 'ABORTED', detail: 'cut', kind: 'retry' },
    { status: 503, title: 'UNAVAILABLE', detail: 'no leader', kind: 'retry' },
    { status: 503, title: 'RESOURCE_EXHAUSTED', detail: 'bp', kind: 'retry' },
    { status: 504, title: 'DEADLINE_EXCEEDED', detail: 'slow', kind: 'retry' },
    {
      status: 500,
      title: 'INTERNAL',
      detail: 'RESOURCE_EXHAUSTED',
      kind: 'retry',
    },
    { status: 500, title: 'RESOURCE_EXHAUSTED', detail: 'x', kind: 'retry' },
    { status: 500, title: 'INTERNAL', detail: 'boom', kind: 'poison' },
    { status: 408, title: 'Request Timeout', detail: '', kind: 'retry' },
    { status: 401, title: 'UNAUTHORIZED', detail: 'no token', kind: 'retry' },
    { status: 307, title: 'Redirect', detail: '', kind: 'retry' },
    { status: 400, title: 'INVALID_ARGUMENT', detail: 'bad', kind: 'poison' },
    { status: 403, title: 'FORBIDDEN', detail: 'denied', kind: 'poison' },
    { status: 404, title: 'NOT_FOUND', detail: 'none', kind: 'poison' },
    {
      status: 409,
      title: 'INVALID_STATE',
      detail: 'no none start',
      kind: 'poison',
    },
    { status: 413, title: 'Payload Too Large', detail: '', kind: 'poison' },
  ])(
    'classifies $status $title as $kind',
    ({ status, title, detail, kind }) => {
      // Act
      const outcome = classifyCamundaResponse(
        'publishMessage',
        status,
        problem(status, title, detail)
      );

      // Assess
      expect(outcome).toMatchObject({ kind, status });
    }
  );

  it('returns done with the body for a 2xx', () => {
    // Prepare
    const body = { messageKey: '2251799813685249', tenantId: '<default>' };

    // Act
    const outcome = classifyCamundaResponse('publishMessage', 200, body);

    // Assess
    expect(outcome).toEqual({ kind: 'done', status: 200, body });
  });

  it('returns done as a duplicate for a 409 on an already published message id', () => {
    // Prepare
    const body = problem(
      409,
      'ALREADY_EXISTS',
      "Expected to publish a new message with id 'orders-0-1', but a message with that id was already published"
    );

    // Act
    const outcome = classifyCamundaResponse('publishMessage', 409, body);

    // Assess
    expect(outcome).toEqual({
      kind: 'done',
      status: 409,
      body,
      duplicate: true,
    });
  });

  it('returns poison for a 409 ALREADY_EXISTS on another call', () => {
    // Act
    const outcome = classifyCamundaResponse(
      'createProcessInstance',
      409,
      problem(409, 'ALREADY_EXISTS', 'x was already published')
    );

    // Assess
    expect(outcome.kind).toBe('poison');
  });

  it('returns done as a duplicate for a 409 on create naming an existing business id', () => {
    // Prepare
    const body = problem(
      409,
      'ALREADY_EXISTS',
      "Command 'CREATE' rejected with code 'ALREADY_EXISTS': Expected to create instance of process with business id 'b-orders-0-1', but an instance with this business id already exists for process definition 'order'"
    );

    // Act
    const outcome = classifyCamundaResponse('createProcessInstance', 409, body);

    // Assess
    expect(outcome).toEqual({
      kind: 'done',
      status: 409,
      body,
      duplicate: true,
    });
  });

  it.each([
    {
      operation: 'publishMessage' as const,
      detail: 'an instance with this business id already exists',
    },
    {
      operation: 'createProcessInstance' as const,
      detail: 'Expected to create instance of process with none start event',
    },
  ])(
    'returns poison for a 409 on $operation saying: $detail',
    ({ operation, detail }) => {
      // Act
      const outcome = classifyCamundaResponse(
        operation,
        409,
        problem(409, 'INVALID_STATE', detail)
      );

      // Assess
      expect(outcome.kind).toBe('poison');
    }
  );

  it('writes status, title and detail into the reason, on one line', () => {
    // Act
    const outcome = classifyCamundaResponse(
      'createProcessInstance',
      404,
      problem(404, 'NOT_FOUND', "Expected to find process 'p'\nbut none found")
    );

    // Assess
    expect(outcome).toEqual({
      kind: 'poison',
      status: 404,
      reason:
        "Camunda createProcessInstance: HTTP 404 NOT_FOUND: Expected to find process 'p' but none found",
    });
  });

  it('cuts a very long detail', () => {
    // Act
    const outcome = classifyCamundaResponse(
      'publishMessage',
      400,
      problem(400, 'INVALID_ARGUMENT', 'y'.repeat(10_000))
    );

    // Assess
    expect(outcome.kind === 'done' ? '' : outcome.reason).toHaveLength(
      'Camunda publishMessage: HTTP 400 INVALID_ARGUMENT: '.length + 501
    );
  });

  it('uses a non-JSON body as the detail', () => {
    // Act
    const outcome = classifyCamundaResponse(
      'publishMessage',
      502,
      '<html>Bad Gateway</html>'
    );

    // Assess
    expect(outcome).toEqual({
      kind: 'retry',
      status: 502,
      reason: 'Camunda publishMessage: HTTP 502: <html>Bad Gateway</html>',
    });
  });
});

describe('Function: classifyCamundaFailure', () => {
  it('returns retry naming the timeout when the request timed out', () => {
    // Prepare
    const error = new DOMException('The operation timed out.', 'TimeoutError');

    // Act
    const outcome = classifyCamundaFailure('publishMessage', error, 2500);

    // Assess
    expect(outcome).toEqual({
      kind: 'retry',
      reason: 'Camunda publishMessage: no response within 2500 ms',
    });
  });

  it('returns retry with the network code of the cause', () => {
    // Prepare
    const cause = Object.assign(new Error('read ECONNRESET'), {
      code: 'ECONNRESET',
    });
    const error = new TypeError('fetch failed', { cause });

    // Act
    const outcome = classifyCamundaFailure('createProcessInstance', error, 1);

    // Assess
    expect(outcome).toEqual({
      kind: 'retry',
      reason:
        'Camunda createProcessInstance: network error: fetch failed / read ECONNRESET / ECONNRESET',
    });
  });
});
