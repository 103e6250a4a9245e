/** Base class of the problems that stop a BPMN file before it is parsed. */
class BpmnInputError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'BpmnInputError';
  }
}

/** The input is empty or only whitespace. */
class BpmnEmptyInputError extends BpmnInputError {
  constructor(options?: ErrorOptions) {
    super('the file is empty', options);
    this.name = 'BpmnEmptyInputError';
  }
}

/** The input is larger than the configured limit. */
class BpmnInputTooLargeError extends BpmnInputError {
  readonly bytes: number;
  readonly maxBytes: number;

  constructor(bytes: number, maxBytes: number, options?: ErrorOptions) {
    super(
      `the file is ${formatBytes(bytes)}, over the ${formatBytes(maxBytes)} limit: ` +
        'larger files are refused so that one upload cannot exhaust memory or time',
      options
    );
    this.name = 'BpmnInputTooLargeError';
    this.bytes = bytes;
    this.maxBytes = maxBytes;
  }
}

/** The input is not well-formed XML. */
class BpmnNotXmlError extends BpmnInputError {
  constructor(detail: string, options?: ErrorOptions) {
    super(`not an XML file: ${detail}`, options);
    this.name = 'BpmnNotXmlError';
  }
}

/** The input declares a DTD or entities, which are never read. */
class BpmnUnsafeXmlError extends BpmnInputError {
  readonly declaration: string;

  constructor(declaration: string, options?: ErrorOptions) {
    super(
      `the file contains a <!${declaration}> declaration: DTDs and entity ` +
        'declarations are refused (they can read local files or expand without bound); ' +
        'BPMN files never need them',
      options
    );
    this.name = 'BpmnUnsafeXmlError';
    this.declaration = declaration;
  }
}

/** The XML root is not `bpmn:definitions`. */
class BpmnNotBpmnError extends BpmnInputError {
  constructor(detail: string, options?: ErrorOptions) {
    super(`not a BPMN file: ${detail}`, options);
    this.name = 'BpmnNotBpmnError';
  }
}

/** Elements are nested deeper than the configured limit. */
class BpmnTooDeepError extends BpmnInputError {
  readonly maxDepth: number;

  constructor(maxDepth: number, options?: ErrorOptions) {
    super(
      `elements are nested more than ${maxDepth} levels deep; ` +
        'no BPMN diagram needs that, so the file is refused',
      options
    );
    this.name = 'BpmnTooDeepError';
    this.maxDepth = maxDepth;
  }
}

const formatBytes = (bytes: number): string =>
  bytes >= 1024 * 1024
    ? `${Number((bytes / (1024 * 1024)).toFixed(2))} MiB`
    : `${Number((bytes / 1024).toFixed(1))} KiB`;

export {
  BpmnEmptyInputError,
  BpmnInputError,
  BpmnInputTooLargeError,
  BpmnNotBpmnError,
  BpmnNotXmlError,
  BpmnTooDeepError,
  BpmnUnsafeXmlError,
};
