// capture.js — produces the RecordBatch v2 bytes in this folder with the
// kafkajs client's own Produce v3 request encoder (pure JavaScript), offline.
//
//   mkdir /tmp/kjs && cd /tmp/kjs && npm install kafkajs@2.2.4
//   NODE_PATH=/tmp/kjs/node_modules node capture.js   # run in this folder
//
// Each batch is cut out of an encoded Produce request (one topic, one
// partition: the batch is the request's last `size` bytes) and written as
// lowercase hex. Also writes murmur2_kafkajs.txt: keys and the partition that
// kafkajs's Java-compatible default partitioner picks for them.
const fs = require('fs')
const Long = require('kafkajs/src/utils/long')
const ProduceV3 = require('kafkajs/src/protocol/requests/produce/v3/request')
const { Types } = require('kafkajs/src/protocol/message/compression')
const murmur2 = require('kafkajs/src/producer/partitioners/default/murmur2')

const messages = [
  { key: 'key-1', value: 'hello kafka', headers: { 'trace-id': 'abc123' }, timestamp: 1700000000000 },
  { key: null, value: 'no key here', timestamp: 1700000000005 },
  { key: 'key-3', value: '', headers: { a: '1', b: '2' }, timestamp: 1700000000010 },
  { key: 'key-4', value: null, timestamp: 1700000000007 },
]

async function capture(name, { compression = Types.None, transactionalId = null, producerId = -1,
  producerEpoch = 0, firstSequence = 0 } = {}) {
  const request = ProduceV3({
    acks: -1, timeout: 30000, transactionalId, compression,
    producerId: Long.fromNumber(producerId), producerEpoch,
    topicData: [{ topic: 'demo', partitions: [{ partition: 0, firstSequence, messages }] }],
  })
  const buf = (await request.encode()).buffer
  // The batch is preceded by its int32 size and ends the request. Search from
  // the largest size down: the batch's own batchLength field also matches.
  for (let size = buf.length - 4; size >= 61; size--) {
    const start = buf.length - size
    if (buf.readInt32BE(start - 4) === size && buf.readInt8(start + 16) === 2 &&
        buf.readInt32BE(start + 8) === size - 12) {
      const hex = buf.subarray(buf.length - size).toString('hex')
      fs.writeFileSync(name, hex.replace(/(.{64})/g, '$1\n').trim() + '\n')
      return
    }
  }
  throw new Error('batch not found in request for ' + name)
}

async function main() {
  await capture('kafkajs_none.hex')
  await capture('kafkajs_gzip.hex', { compression: Types.GZIP })
  await capture('kafkajs_transactional.hex', { transactionalId: 'tx-1', producerId: 4242, producerEpoch: 3,
    firstSequence: 17 })
  const keys = ['k0', 'k1', 'k2', 'k3', 'order-42', 'user:1001', 'partition-me', 'x']
  const lines = keys.map(k => `${k} ${murmur2(k)} ${(murmur2(k) & 0x7fffffff) % 7}`)
  fs.writeFileSync('murmur2_kafkajs.txt', '# key murmur2(key) toPositive(murmur2)%7, from kafkajs\n' +
    lines.join('\n') + '\n')
}

main().catch(e => { console.error(e); process.exit(1) })
