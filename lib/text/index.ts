export { cleanReason } from './cleanReason.js';
export {
  MAX_REASON_CHARS,
  SECRET_MASK,
  UNSAFE_CHARACTERS,
} from './constants.js';
export { escapeTerminal } from './escapeTerminal.js';
export {
  CREDENTIAL_NAME,
  maskCredentialsInText,
} from './maskCredentialsInText.js';
export { scrubSecrets } from './scrubSecrets.js';
export { secretForms } from './secretForms.js';
