export { makeTestPki, type TestPki } from './certificates.ts';
export { createTestTopics, type ReadMessage, readTopicUntil, readWholeTopic, type TopicSpec, testBrokers, testKafka, withAdmin } from './kafka.ts';
export { uniqueName } from './names.ts';
export { waitFor } from './wait.ts';
