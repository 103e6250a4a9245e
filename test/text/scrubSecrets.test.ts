import { describe, expect, it } from 'vitest';
import { scrubSecrets } from '../../lib/text/index.js';

const SECRET = 'Cs_5e1f"q\\x9 +&=/é';

describe('Function: scrubSecrets', () => {
  it.each([
    { form: 'raw', text: SECRET },
    { form: 'JSON-escaped', text: JSON.stringify(SECRET).slice(1, -1) },
    {
      form: 'JSON-escaped twice',
      text: JSON.stringify(JSON.stringify(SECRET)).slice(1, -1),
    },
    { form: 'URL-encoded (%XX)', text: encodeURIComponent(SECRET) },
    {
      form: 'URL-encoded, lower-case hex',
      text: encodeURIComponent(SECRET).replace(/%[0-9A-F]{2}/g, (h) =>
        h.toLowerCase()
      ),
    },
    {
      form: 'form-encoded (+ for a space)',
      text: new URLSearchParams({ client_secret: SECRET }).toString(),
    },
    { form: 'base64', text: Buffer.from(SECRET).toString('base64') },
    {
      form: 'base64 inside a Basic header',
      text: `Basic ${Buffer.from(`user:${SECRET}`).toString('base64')}`,
    },
    {
      form: 'base64url at another alignment',
      text: Buffer.from(`ab${SECRET}zz`).toString('base64url'),
    },
  ])('leaves no trace of the secret in its $form form', ({ text }) => {
    // Act
    const scrubbed = scrubSecrets(`answer: ${text} (end)`, [SECRET]);

    // Assess
    expect(scrubbed).toContain('***');
    expect(scrubbed).not.toContain(text);
    expect(scrubbed).not.toContain('Cs_5e1f');
    expect(scrubbed).toMatch(/^answer: .*\(end\)$/);
  });

  it('leaves text without secrets alone and ignores empty secrets', () => {
    // Act
    const scrubbed = scrubSecrets('HTTP 401 invalid_client', ['', 'zzzz']);

    // Assess
    expect(scrubbed).toBe('HTTP 401 invalid_client');
  });
});
