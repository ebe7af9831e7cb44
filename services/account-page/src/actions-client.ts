import type { AlertActionRequest } from '@churnwatch/alert-actions/http';

/** What became of an action sent to the alert-actions API. */
export type SendOutcome =
  | { readonly ok: true }
  /** The API refused it (a 4xx): what it said. */
  | { readonly ok: false; readonly refused: true; readonly problem: string }
  /** The API could not be reached or could not write it (a 5xx, a timeout): try again later. */
  | { readonly ok: false; readonly refused: false; readonly problem: string };

export type SendAction = (request: AlertActionRequest) => Promise<SendOutcome>;

/** How long the page waits for the API before telling the user to try again. */
const REQUEST_TIMEOUT_MS = 5_000;

/**
 * Sends actions to the alert-actions API (`POST /v1/alert-actions` with its bearer token), which
 * checks them once more and writes the control event; 202 means it is on the control topic.
 */
export function createActionsClient(settings: { readonly url: string; readonly token: string }): SendAction {
  const endpoint = `${settings.url.replace(/\/+$/, '')}/v1/alert-actions`;
  return async (request) => {
    let response: Response;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${settings.token}` },
        body: JSON.stringify(request),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      return { ok: false, refused: false, problem: (error as Error).message };
    }
    if (response.status === 202) return { ok: true };
    const text = await response.text().catch(() => '');
    let problem = `HTTP ${response.status}`;
    try {
      problem = (JSON.parse(text) as { error?: string }).error ?? problem;
    } catch {}
    return { ok: false, refused: response.status >= 400 && response.status < 500 && response.status !== 401, problem };
  };
}
