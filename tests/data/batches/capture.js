// capture.js — produces the RecordBatch v2 bytes in this folder with the
// kafkajs client's own Produce v3 request encoder (pure JavaScript), offline.
//
//   mkdir /tmp/kjs && cd /tmp/kjs && npm install kafkajs@2.2.4
//   npm install kafkajs-snappy@1.1.0 kafkajs-lz4@1.2.1    # optional codecs
//   CXXFLAGS=-std=c++17 npm install @kafkajs/zstd@0.1.1   # optional, native
//   NODE_PATH=/tmp/kjs/node_modules node capture.js   # run in this folder
//
// kafkajs itself only implements gzip; snappy, lz4 and zstd batches are
// written when their codec packages can be required (registered the way the
// kafkajs docs say, through CompressionCodecs), and skipped with a note
// otherwise.
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
const { CompressionTypes, CompressionCodecs } = require('kafkajs')

// Codec packages: type, output file, and how to make kafkajs's codec factory.
const optionalCodecs = [
  ['Snappy', 'kafkajs_snappy.hex', () => require('kafkajs-snappy')],
  ['LZ4', 'kafkajs_lz4.hex', () => new (require('kafkajs-lz4'))().codec],
  ['ZSTD', 'kafkajs_zstd.hex', () => require('@kafkajs/zstd')()],
]

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
  for (const [type, file, load] of optionalCodecs) {
    let codec
    try {
      codec = load()
    } catch (e) {
      console.error(`skipping ${file}: codec package not available (${e.message.split('\n')[0]})`)
      continue
    }
    CompressionCodecs[CompressionTypes[type]] = codec
    await capture(file, { compression: Types[type] })
  }
  const keys = ['k0', 'k1', 'k2', 'k3', 'order-42', 'user:1001', 'partition-me', 'x']
  const lines = keys.map(k => `${k} ${murmur2(k)} ${(murmur2(k) & 0x7fffffff) % 7}`)
  fs.writeFileSync('murmur2_kafkajs.txt', '# key murmur2(key) toPositive(murmur2)%7, from kafkajs\n' +
    lines.join('\n') + '\n')
}

main().catch(e => { console.error(e); process.exit(1) })
