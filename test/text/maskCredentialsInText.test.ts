import { describe, expect, it } from 'vitest';
import { maskCredentialsInText } from '../../lib/text/index.js';

describe('Function: maskCredentialsInText', () => {
  it.each([
    {
      shape: 'user info in a schema-registry URL',
      text: 'https://KEY:SECRET@registry.example:8081/subjects',
      shown: 'https://KEY:***@registry.example:8081/subjects',
      hidden: ['SECRET'],
    },
    {
      shape: 'SASL_SSL://user:pw@host in a bootstrap-servers error',
      text: 'bootstrap servers must be host:port: "SASL_SSL://app:pw-1@b1:9092" …',
      shown:
        'bootstrap servers must be host:port: "SASL_SSL://app:***@b1:9092" …',
      hidden: ['pw-1'],
    },
    {
      shape: 'user:pw@host without a scheme',
      text: '"app:pw-2@b1" is not a valid host name',
      shown: '"app:***@b1" is not a valid host name',
      hidden: ['pw-2'],
    },
    {
      shape: 'a JAAS line whose username contains password=',
      text: 'org.apache.kafka.common.security.plain.PlainLoginModule required username="password=" password="real-pw";',
      shown:
        'org.apache.kafka.common.security.plain.PlainLoginModule required username="password=" password="***";',
      hidden: ['real-pw'],
    },
    {
      shape: 'an OAUTHBEARER clientSecret=',
      text: 'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId="id" clientSecret="cs-9";',
      shown:
        'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId="id" clientSecret="***";',
      hidden: ['cs-9'],
    },
    {
      shape:
        'single-quoted JAAS options with quotes inside (not escaped, as Camunda writes them)',
      text: "x.ScramLoginModule required username='a'b' password='p'w d';",
      shown: "x.ScramLoginModule required username='a'b' password='***';",
      hidden: ["p'w d", 'w d'],
    },
    {
      shape: 'a password after an apostrophe in a message',
      text: "the line isn't valid: password=pw-4",
      shown: "the line isn't valid: password=***",
      hidden: ['pw-4'],
    },
    {
      shape: 'a passphrase property',
      text: 'ssl.keystore.passphrase=pp-3, ssl.protocol=TLSv1.3',
      shown: 'ssl.keystore.passphrase=***, ssl.protocol=TLSv1.3',
      hidden: ['pp-3'],
    },
  ])('masks $shape', ({ text, shown, hidden }) => {
    // Act
    const masked = maskCredentialsInText(text);

    // Assess
    expect(masked).toBe(shown);
    for (const part of hidden) expect(masked).not.toContain(part);
  });

  it('keeps the values keepValue accepts, such as secret references', () => {
    // Act
    const masked = maskCredentialsInText('password="{{secrets.KAFKA_PW}}"', {
      keepValue: (value) => value.startsWith('{{secrets.'),
    });

    // Assess
    expect(masked).toBe('password="{{secrets.KAFKA_PW}}"');
  });

  it('masks a token given alone as user info whole', () => {
    // Act
    const masked = maskCredentialsInText('https://ghp_token123@host/repo');

    // Assess
    expect(masked).toBe('https://***@host/repo');
  });

  it('leaves e-mail addresses, host:port and ordinary pairs alone', () => {
    // Act
    const masked = maskCredentialsInText(
      'ops@example.com b1:9092 group.id=g1 https://registry:8081'
    );

    // Assess
    expect(masked).toBe(
      'ops@example.com b1:9092 group.id=g1 https://registry:8081'
    );
  });

  it('stays linear on hostile text (200 KB of near-misses in well under a second each)', () => {
    // Prepare
    const texts = [
      `${'a'.repeat(200_000)}${'://'.repeat(1_000)}`,
      'x:'.repeat(100_000),
      'password='.repeat(25_000),
      'a='.repeat(100_000),
      ' a:b'.repeat(50_000),
      'a://b'.repeat(40_000),
    ];

    // Act
    const times = texts.map((text) => {
      const started = performance.now();
      maskCredentialsInText(text);
      return performance.now() - started;
    });

    // Assess
    for (const ms of times) expect(ms).toBeLessThan(1_000);
  });
});
