import { Agent as HttpsAgent, request } from 'node:https';

/** How the registry client authenticates and whom it trusts; from @churnwatch/connection-security's parseRegistrySecurity. */
export interface RegistryTransport {
  readonly basicAuth?: { readonly username: string; readonly password: string };
  /** PEM CA bundle for an https registry the system CAs do not vouch for. */
  readonly ca?: string;
}

/**
 * The registry's own requests (config, health) as `fetch` would make them, with the same
 * Authorization header and the same CA as the schema-registry client: Node's fetch takes no
 * agent, so a private CA is used through node:https when one is given.
 */
export function createRegistryFetch(transport: RegistryTransport): { fetch: typeof fetch; agent?: HttpsAgent; authorization?: string } {
  const authorization =
    transport.basicAuth === undefined
      ? undefined
      : `Basic ${Buffer.from(`${transport.basicAuth.username}:${transport.basicAuth.password}`).toString('base64')}`;
  const agent = transport.ca === undefined ? undefined : new HttpsAgent({ ca: transport.ca, keepAlive: true });
  const withAuth = (init: RequestInit | undefined): Headers => {
    const headers = new Headers(init?.headers);
    if (authorization) headers.set('authorization', authorization);
    return headers;
  };
  const viaAgent = agent
    ? async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
        const url = new URL(input instanceof Request ? input.url : input);
        const headers = Object.fromEntries(withAuth(init).entries());
        return new Promise<Response>((resolve, reject) => {
          const req = request(url, { method: init?.method ?? 'GET', headers, agent, signal: init?.signal ?? undefined }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 500 })));
            res.on('error', reject);
          });
          req.on('error', reject);
          req.end(typeof init?.body === 'string' ? init.body : undefined);
        });
      }
    : undefined;
  const fetchWith: typeof fetch = (input, init) => (viaAgent ? viaAgent(input, init) : fetch(input, { ...init, headers: withAuth(init) }));
  return { fetch: fetchWith, ...(agent ? { agent } : {}), ...(authorization ? { authorization } : {}) };
}
