export { makeTestPki, type TestPki } from './certificates.ts';
export { type HttpReceiver, type ReceivedRequest, type ReceiverAnswer, startHttpReceiver } from './http-receiver.ts';
export { createTestTopics, type ReadMessage, readTopicUntil, readWholeTopic, type TopicSpec, testBrokers, testKafka, withAdmin } from './kafka.ts';
export { uniqueName } from './names.ts';
export { createTestDatabase, type TestDatabase, testPostgresUrl } from './postgres.ts';
export { startTcpProxy, type TcpProxy } from './tcp-proxy.ts';
export { waitFor } from './wait.ts';
