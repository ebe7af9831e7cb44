import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Translator, translator } from '@churnwatch/alert-format';
import type { Logger } from '@churnwatch/telemetry';
import type { AccountQueries } from './account-queries.ts';
import { isPageAction } from './action-form.ts';
import { ACTION_PATH, acceptActionForm } from './action-route.ts';
import { createActionsClient } from './actions-client.ts';
import { atRiskView } from './at-risk-view.ts';
import { authorize } from './auth.ts';
import type { AccountPageConfig } from './config.ts';
import { createCsrfTokens } from './csrf.ts';
import { customerView, type PageNotice } from './customer-view.ts';
import { html, layout } from './html.ts';
import { pageLocale } from './page-locale.ts';

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

/** The same address in the other language. */
function otherLanguageOf(url: URL, tr: Translator): string {
  const other = new URL(url);
  other.searchParams.set('lang', tr.locale === 'de' ? 'en' : 'de');
  return `${other.pathname}${other.search}`;
}

/**
 * The account page over HTTP, in English or German (see page-locale.ts): `/` the customers at
 * risk (`?owner=`, `?segment=`), `/customers/<id>` one customer, and — when the alert-actions API
 * is configured — `POST /customers/<id>/alerts/<alert id>/actions` from the buttons under each
 * open alert. Every request is authorized first (see auth.ts); the forms also carry an
 * anti-forgery token (see csrf.ts).
 */
export async function startPageServer(options: {
  config: AccountPageConfig;
  queries: AccountQueries;
  logger: Logger;
  nowMs?: () => number;
}): Promise<PageServer> {
  const { config, queries, logger } = options;
  const nowMs = options.nowMs ?? Date.now;
  // Without a configured secret, forms rendered by this process are good only on this process.
  const csrf = createCsrfTokens(config.csrfSecret ?? randomBytes(32));
  const sendAction = config.actions ? createActionsClient(config.actions) : undefined;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://account-page');
    let tr = translator(pageLocale(url, request.headers));
    const page = (status: number, title: string, body: ReturnType<typeof html>) => send(response, status, layout(title, body, tr, otherLanguageOf(url, tr)));
    const decision = authorize(request.headers, url.searchParams.get('token'), config.auth);
    if (!decision.ok) {
      const title = tr.text('page.signIn.title');
      return page(401, title, html`<h1>${title}</h1><p>${tr.text(decision.reason === 'proxy' ? 'page.signIn.proxy' : 'page.signIn.token')}</p>`);
    }
    if (decision.setCookie) {
      url.searchParams.delete('token');
      response.writeHead(303, { location: `${url.pathname}${url.search}`, 'set-cookie': decision.setCookie }).end();
      return;
    }
    const action = ACTION_PATH.exec(url.pathname);
    if (action !== null && request.method === 'POST') {
      const outcome = await acceptActionForm(request, action, decision.user, { send: sendAction, csrf, nowMs, logger });
      if (outcome.kind === 'redirect') {
        response.writeHead(303, { location: outcome.location, 'cache-control': 'no-store' }).end();
        return;
      }
      const back = `/customers/${encodeURIComponent(outcome.customerId)}?lang=${tr.locale}`;
      const text = tr.text(outcome.message, { problem: outcome.problem ?? '' });
      return page(outcome.status, text, html`<p id="notice" class="problem">${text}</p><p><a href="${back}">${outcome.customerId}</a></p>`);
    }
    if (request.method !== 'GET') return page(405, tr.text('page.notAllowed'), html`<h1>${tr.text('page.notAllowed')}</h1>`);
    if (url.pathname === '/') {
      const filter = {
        ...(filterValue(url, 'owner') ? { owner: filterValue(url, 'owner') } : {}),
        ...(filterValue(url, 'segment') ? { segment: filterValue(url, 'segment') } : {}),
      };
      const [rows, owners, segments] = await Promise.all([queries.atRisk(filter), queries.owners(), queries.segments()]);
      return page(200, tr.text('page.atRisk.title'), atRiskView(rows, filter, owners, segments, tr));
    }
    const customer = /^\/customers\/([^/]+)$/.exec(url.pathname)?.[1];
    if (customer !== undefined) {
      const customerId = decodeURIComponent(customer);
      const account = await queries.account(customerId);
      if (!account) return page(404, tr.text('page.notFound'), html`<h1>${tr.text('page.unknownCustomer', { id: customerId })}</h1>`);
      tr = translator(pageLocale(url, request.headers, account.owner_locale));
      const [alerts, steps, actions] = await Promise.all([queries.openAlerts(customerId), queries.timeline(customerId), queries.actions(customerId)]);
      const done = url.searchParams.get('done');
      const notice: PageNotice | undefined = isPageAction(done) ? { kind: 'notice', text: tr.text('page.action.recorded', { action: done }) } : undefined;
      const forms = sendAction ? { csrfToken: csrf.issue(decision.user, nowMs()), user: decision.user } : undefined;
      return page(200, account.name ?? customerId, customerView({ account, alerts, steps, actions }, tr, forms, notice));
    }
    return page(404, tr.text('page.notFound'), html`<h1>${tr.text('page.notFound')}</h1>`);
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      logger.error({ err: error, path: request.url?.split('?')[0] }, 'page failed');
      const tr = translator(pageLocale(new URL(request.url ?? '/', 'http://account-page'), request.headers));
      if (!response.headersSent)
        send(
          response,
          503,
          layout(tr.text('page.unavailable.title'), html`<h1>${tr.text('page.unavailable.title')}</h1><p>${tr.text('page.unavailable.text')}</p>`, tr),
        );
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
