import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AlertControlV1 } from '@churnwatch/contracts';
import type { Logger } from '@churnwatch/telemetry';
import { Counter, type Registry } from 'prom-client';
import { controlFromApi } from './api-request.ts';
import { controlFromSlack } from './slack-interaction.ts';
import { verifySlackRequest } from './slack-signature.ts';

/** Writes one control event durably (to the control topic); rejects when it could not. */
export type PublishControl = (event: AlertControlV1) => Promise<void>;

export interface AlertActionsHandlerDeps {
  readonly apiToken: string;
  readonly slack: { readonly signingSecret: string; readonly replayWindowSeconds: number; readonly snoozeSeconds: number } | null;
  readonly publish: PublishControl;
  readonly logger: Logger;
  readonly registry: Registry;
  /** The clock, ms since the epoch; tests pass a fixed one. */
  readonly nowMs?: () => number;
}

/** Requests larger than this are refused before they are read to the end. */
const MAX_BODY_BYTES = 64 * 1024;

export const ALERT_ACTIONS_PATH = '/v1/alert-actions';
export const SLACK_INTERACTIONS_PATH = '/slack/interactions';

class BodyTooLarge extends Error {}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sameSecret(given: string, expected: string): boolean {
  // Hash both so the comparison takes the same time whatever the lengths.
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/**
 * The alert-actions HTTP endpoints, as a handler any Node HTTP server can mount (the account page
 * does): it answers the two paths below and returns false for every other request.
 * - `POST /v1/alert-actions` (JSON, `Authorization: Bearer <token>`): 202 with the control event
 *   written; 401 without the right token; 400 naming what is wrong.
 * - `POST /slack/interactions` (Slack's interactive requests, form-encoded): verified with the
 *   signing secret and the replay window; 401 when not (logged and counted), 200 when the event is
 *   written.
 * Every request is counted in `churnwatch_alert_action_requests_total{endpoint,outcome}`.
 */
export function createAlertActionsHandler(deps: AlertActionsHandlerDeps): (request: IncomingMessage, response: ServerResponse) => Promise<boolean> {
  const now = deps.nowMs ?? Date.now;
  const requests = new Counter({
    name: 'churnwatch_alert_action_requests_total',
    help: 'Alert-action requests by endpoint (api, slack) and outcome (accepted, unauthorized, bad_signature, stale_timestamp, missing_headers, invalid, failed)',
    labelNames: ['endpoint', 'outcome'],
    registers: [deps.registry],
  });

  async function accept(endpoint: 'api' | 'slack', event: AlertControlV1, response: ServerResponse): Promise<void> {
    try {
      await deps.publish(event);
    } catch (error) {
      requests.inc({ endpoint, outcome: 'failed' });
      deps.logger.error({ err: error, endpoint }, 'control event not written');
      reply(response, 503, { error: 'could not record the action; try again' });
      return;
    }
    requests.inc({ endpoint, outcome: 'accepted' });
    deps.logger.info({ endpoint, action: event.action, kind: event.kind, alertId: event.alertId, by: event.requestedBy }, 'alert action recorded');
    if (endpoint === 'api') reply(response, 202, event);
    else response.writeHead(200).end();
  }

  async function api(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const header = request.headers.authorization ?? '';
    if (!header.startsWith('Bearer ') || !sameSecret(header.slice('Bearer '.length), deps.apiToken)) {
      requests.inc({ endpoint: 'api', outcome: 'unauthorized' });
      deps.logger.warn({ endpoint: 'api', remote: request.socket.remoteAddress }, 'alert-action request without a valid token refused');
      response.writeHead(401, { 'www-authenticate': 'Bearer' }).end();
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(await readBody(request));
    } catch (error) {
      requests.inc({ endpoint: 'api', outcome: 'invalid' });
      reply(response, error instanceof BodyTooLarge ? 413 : 400, { error: error instanceof BodyTooLarge ? 'body too large' : 'body is not JSON' });
      return;
    }
    const parsed = controlFromApi(body, now());
    if (!parsed.ok) {
      requests.inc({ endpoint: 'api', outcome: 'invalid' });
      reply(response, 400, { error: parsed.problem });
      return;
    }
    await accept('api', parsed.event, response);
  }

  async function slack(request: IncomingMessage, response: ServerResponse, settings: NonNullable<AlertActionsHandlerDeps['slack']>): Promise<void> {
    let rawBody: string;
    try {
      rawBody = await readBody(request);
    } catch {
      requests.inc({ endpoint: 'slack', outcome: 'invalid' });
      response.writeHead(413).end();
      return;
    }
    const header = (name: string) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const verdict = verifySlackRequest(
      { timestamp: header('x-slack-request-timestamp'), signature: header('x-slack-signature'), rawBody },
      settings.signingSecret,
      now(),
      settings.replayWindowSeconds,
    );
    if (!verdict.ok) {
      requests.inc({ endpoint: 'slack', outcome: verdict.reason });
      deps.logger.warn({ endpoint: 'slack', reason: verdict.reason, remote: request.socket.remoteAddress }, 'Slack request refused: signature not verified');
      response.writeHead(401).end();
      return;
    }
    const parsed = controlFromSlack(rawBody, now(), settings.snoozeSeconds);
    if (!parsed.ok) {
      requests.inc({ endpoint: 'slack', outcome: 'invalid' });
      deps.logger.warn({ endpoint: 'slack', problem: parsed.problem }, 'Slack request not understood');
      reply(response, 400, { error: parsed.problem });
      return;
    }
    await accept('slack', parsed.event, response);
  }

  return async (request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path === ALERT_ACTIONS_PATH) {
      if (request.method !== 'POST') response.writeHead(405, { allow: 'POST' }).end();
      else await api(request, response);
      return true;
    }
    if (path === SLACK_INTERACTIONS_PATH && deps.slack !== null) {
      if (request.method !== 'POST') response.writeHead(405, { allow: 'POST' }).end();
      else await slack(request, response, deps.slack);
      return true;
    }
    return false;
  };
}
