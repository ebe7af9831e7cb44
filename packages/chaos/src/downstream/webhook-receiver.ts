import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerFor, type DownstreamPhase, initialReceiverState, type ReceiverState } from './receiver-phases.ts';

/** One request as the receiver saw it: its webhook id and how it was answered ('hung': never). */
export interface ReceivedRequest {
  readonly webhookId: string;
  readonly phase: DownstreamPhase;
  readonly outcome: number | 'hung';
}

/**
 * A real HTTP receiver on loopback, the notifier's webhook target: it answers as its current
 * phase says (see receiver-phases.ts) and keeps every request. Hung requests stay open until the
 * sender gives up on them, or until `close`.
 */
export class WebhookReceiver {
  readonly #server: Server;
  readonly #requests: ReceivedRequest[] = [];
  #state: ReceiverState = initialReceiverState;
  phase: DownstreamPhase = 'healthy';

  private constructor() {
    this.#server = createServer((request, response) => {
      const webhookId = String(request.headers['webhook-id'] ?? request.headers['idempotency-key'] ?? '');
      const phase = this.phase;
      // The body is read in every phase: a hung request is one the receiver took and never answered.
      request.resume();
      request.once('end', () => {
        const { answer, state } = answerFor(phase, this.#state, Date.now());
        this.#state = state;
        this.#requests.push({ webhookId, phase, outcome: answer.kind === 'hang' ? 'hung' : answer.status });
        if (answer.kind === 'answer') response.writeHead(answer.status, answer.headers).end(answer.body);
      });
    });
  }

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    await new Promise<void>((resolve) => receiver.#server.listen(0, '127.0.0.1', resolve));
    // A scenario that fails half-way must not keep the process alive through its receiver.
    receiver.#server.unref();
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/alerts`;
  }

  get requests(): readonly ReceivedRequest[] {
    return this.#requests;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
