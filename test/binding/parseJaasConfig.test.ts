import { describe, expect, it } from 'vitest';
import { parseJaasConfig } from '../../lib/binding/index.js';

describe('Function: parseJaasConfig', () => {
  it('splits a JAAS line into module, flag and options', () => {
    // Act
    const jaas = parseJaasConfig(
      'org.apache.kafka.common.security.scram.ScramLoginModule required username="a b" password="p\\"w" tokenauth=true;'
    );

    // Assess
    expect(jaas).toEqual({
      loginModule: 'org.apache.kafka.common.security.scram.ScramLoginModule',
      flag: 'required',
      options: { username: 'a b', password: 'p"w', tokenauth: 'true' },
    });
  });

  it.each(['', 'not jaas', 'Module required username="unterminated;'])(
    'returns undefined for %j',
    (text) => {
      // Assess
      expect(parseJaasConfig(text)).toBeUndefined();
    }
  );
});
