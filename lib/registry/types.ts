/** How to reach one Confluent-compatible schema registry (secrets resolved). */
interface RegistryClientOptions {
  /** Base URL, e.g. `https://registry.example.com:8081` (no user info). */
  readonly url: string;
  readonly basicAuth?: { readonly username: string; readonly password: string };
  /** CA certificates (PEM) to check the registry's certificate with. */
  readonly ca?: string;
  /** Client certificate chain and key (PEM) for mutual TLS. */
  readonly clientCertificate?: {
    readonly certificate: string;
    readonly privateKey: string;
    readonly keyPassword?: string;
  };
  /** One request's time limit, ms (default 5000). */
  readonly timeoutMs?: number;
}

export type { RegistryClientOptions };
