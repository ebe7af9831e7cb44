import type { AlertControlV1 } from '@churnwatch/contracts';
import type { Producer } from 'kafkajs';
import type { PublishControl } from './actions-handler.ts';

/** Writes control events to the control topic, keyed by customer id like every customer topic; acks from all replicas. */
export function kafkaControlPublisher(producer: Producer, topic: string): PublishControl {
  return async (event: AlertControlV1) => {
    await producer.send({
      topic,
      acks: -1,
      messages: [
        { key: event.customerId, value: JSON.stringify(event), timestamp: String(Date.parse(event.eventTime)), headers: { 'churnwatch-id': event.eventId } },
      ],
    });
  };
}
