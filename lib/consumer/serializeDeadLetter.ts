import type { DeadLetter } from './types.js';

// JSON.stringify escapes C0 controls and lone surrogates but writes the
// noncharacters U+FFFE and U+FFFF as they are, which SQS refuses in a
// message body (it takes #x9 | #xA | #xD | #x20–#xD7FF | #xE000–#xFFFD |
// #x10000–#x10FFFF). Their JSON escape reads back as the same text.
const NONCHARACTERS = /[\uFFFE\uFFFF]/g;

/**
 * A dead letter as the JSON text every sink writes: `JSON.stringify`, with
 * the characters a queue refuses written as JSON escapes, so that parsing
 * it gives the letter back unchanged.
 *
 * @param letter - the dead letter
 */
const serializeDeadLetter = (letter: DeadLetter): string =>
  JSON.stringify(letter).replace(
    NONCHARACTERS,
    (character) => `\\u${character.charCodeAt(0).toString(16)}`
  );

export { serializeDeadLetter };
