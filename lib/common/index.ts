export { describeError } from './describeError.js';
export { isRecord } from './isRecord.js';
export type { DescribeErrorOptions } from './types.js';
