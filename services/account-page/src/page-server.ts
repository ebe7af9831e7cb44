import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@churnwatch/telemetry';
import type { AccountQueries } from './account-queries.ts';
import { atRiskView } from './at-risk-view.ts';
import { authorize } from './auth.ts';
import type { AccountPageConfig } from './config.ts';
import { customerView } from './customer-view.ts';
import { html, layout } from './html.ts';

export interface PageServer {
  readonly port: number;
  close(): Promise<void>;
}

function send(response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-frame-options': 'DENY', ...headers }).end(body);
}

function filterValue(url: URL, name: string): string | undefined {
  const value = url.searchParams.get(name);
  return value === null || value === '' ? undefined : value;
}

/**
 * The account page over HTTP: `/` the customers at risk (`?owner=`, `?segment=`), `/customers/<id>`
 * one customer. Every request is authorized first (see auth.ts); GET only.
 */
export async function startPageServer(options: { config: AccountPageConfig; queries: AccountQueries; logger: Logger }): Promise<PageServer> {
  const { config, queries, logger } = options;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://account-page');
    const decision = authorize(request.headers, url.searchParams.get('token'), config.auth);
    if (!decision.ok) return send(response, 401, layout('Sign in', html`<h1>Sign in required</h1><p>${decision.reason}.</p>`));
    if (decision.setCookie) {
      url.searchParams.delete('token');
      response.writeHead(303, { location: `${url.pathname}${url.search}`, 'set-cookie': decision.setCookie }).end();
      return;
    }
    if (request.method !== 'GET') return send(response, 405, layout('Not allowed', html`<h1>GET only</h1>`));
    if (url.pathname === '/') {
      const filter = {
        ...(filterValue(url, 'owner') ? { owner: filterValue(url, 'owner') } : {}),
        ...(filterValue(url, 'segment') ? { segment: filterValue(url, 'segment') } : {}),
      };
      const [rows, owners, segments] = await Promise.all([queries.atRisk(filter), queries.owners(), queries.segments()]);
      return send(response, 200, layout('Customers at risk', atRiskView(rows, filter, owners, segments)));
    }
    const customer = /^\/customers\/([^/]+)$/.exec(url.pathname)?.[1];
    if (customer !== undefined) {
      const customerId = decodeURIComponent(customer);
      const account = await queries.account(customerId);
      if (!account) return send(response, 404, layout('Unknown customer', html`<h1>No customer ${customerId}</h1>`));
      const [alerts, steps] = await Promise.all([queries.openAlerts(customerId), queries.timeline(customerId)]);
      return send(response, 200, layout(account.name ?? customerId, customerView(account, alerts, steps)));
    }
    return send(response, 404, layout('Not found', html`<h1>Not found</h1>`));
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      logger.error({ err: error, path: request.url?.split('?')[0] }, 'page failed');
      if (!response.headersSent)
        send(response, 503, layout('Unavailable', html`<h1>The account data cannot be read right now</h1><p>Try again in a minute.</p>`));
      else response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
