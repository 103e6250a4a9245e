export { describeError } from './describeError.js';
export { isRecord } from './isRecord.js';
export { setOwn } from './setOwn.js';
export type { DescribeErrorOptions } from './types.js';
