// Reads every record of a topic from the beginning and prints it decoded, using only kafkajs and
// @kafkajs/confluent-schema-registry (no Restock code).
// Usage: node read.mjs <topic> [bootstrap=127.0.0.1:9092] [registry=http://127.0.0.1:8081/apis/ccompat/v7]
import { Kafka, logLevel } from 'kafkajs';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';

const [topic, bootstrap = '127.0.0.1:9092', registryUrl = 'http://127.0.0.1:8081/apis/ccompat/v7'] = process.argv.slice(2);
if (!topic) {
  console.error('usage: node read.mjs <topic> [bootstrap] [registry-url]');
  process.exit(2);
}

const kafka = new Kafka({ clientId: 'restock-confluent-reader', brokers: [bootstrap], logLevel: logLevel.ERROR });
const registry = new SchemaRegistry({ host: registryUrl });
const admin = kafka.admin();
await admin.connect();
const offsets = await admin.fetchTopicOffsets(topic);
await admin.disconnect();
let remaining = offsets.reduce((n, p) => n + (Number(p.high) - Number(p.low)), 0);
if (remaining === 0) {
  console.log(`${topic} is empty`);
  process.exit(0);
}

// Offsets also count transaction markers, so stop after a quiet spell rather than on a count alone.
let idle;
const stopWhenQuiet = () => {
  clearTimeout(idle);
  idle = setTimeout(async () => { await consumer.disconnect(); process.exit(0); }, 5000);
};
const consumer = kafka.consumer({ groupId: `restock-reader-${Date.now()}`, readUncommitted: false });
await consumer.connect();
await consumer.subscribe({ topic, fromBeginning: true });
const replacer = (k, v) => (typeof v === 'bigint' ? v.toString() : v && v.type === 'Buffer' ? `0x${Buffer.from(v.data).toString('hex')}` : v);
stopWhenQuiet();
await consumer.run({
  eachMessage: async ({ partition, message }) => {
    const id = message.value.readInt32BE(1);
    const value = await registry.decode(message.value);
    console.log(JSON.stringify({ partition, offset: message.offset, key: message.key?.toString(), schemaId: id, value }, replacer));
    remaining -= 1;
    stopWhenQuiet();
    if (remaining <= 0) {
      await consumer.disconnect();
      process.exit(0);
    }
  },
});
