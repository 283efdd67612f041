// capture_control.js — a COMMIT control batch (transaction marker) with
// kafkajs's own RecordBatch v2 encoder, offline, and kafkajs's decoder's view
// of it.
//
//   NODE_PATH=/tmp/kjs/node_modules node capture_control.js   # in this folder
//
// kafkajs (a client) never writes control batches: its encoder sets only the
// codec and transactional attribute bits. So the batch is encoded by kafkajs
// (transactional, one record whose key and value are the Kafka 3.4 marker
// bytes, built here by hand from ControlRecordType / EndTransactionMarker:
// key = version int16 0 | type int16 1 (COMMIT), value = version int16 0 |
// coordinatorEpoch int32 7), then the control bit 0x20 is set and the CRC-32C
// recomputed with kafkajs's crc32C — stated as such in README.md. kafkajs's
// decoder then reads it back and must call it a control batch.
const fs = require('fs')
const Long = require('kafkajs/src/utils/long')
const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0')
const Record = require('kafkajs/src/protocol/recordBatch/record/v0')
const crc32C = require('kafkajs/src/protocol/recordBatch/crc32C')
const Decoder = require('kafkajs/src/protocol/decoder')
const decodeBatch = require('kafkajs/src/protocol/recordBatch/v0/decoder')

async function main() {
  const key = Buffer.from([0, 0, 0, 1])           // version 0, type COMMIT
  const value = Buffer.from([0, 0, 0, 0, 0, 7])   // version 0, coordinatorEpoch 7
  const encoder = await RecordBatch({
    firstOffset: Long.fromNumber(120), firstTimestamp: 1700000000100, maxTimestamp: 1700000000100,
    partitionLeaderEpoch: 5, transactional: true, producerId: Long.fromNumber(4242), producerEpoch: 3,
    firstSequence: -1, lastOffsetDelta: 0, records: [Record({ key, value })],
  })
  const buf = Buffer.from(encoder.buffer)
  buf.writeInt16BE(buf.readInt16BE(21) | 0x20, 21)      // the control bit
  buf.writeUInt32BE(crc32C(buf.subarray(21)), 17)       // CRC over attributes..end
  const hex = buf.toString('hex')
  fs.writeFileSync('kafkajs_control_commit.hex', hex.replace(/(.{64})/g, '$1\n').trim() + '\n')
  const decoded = await decodeBatch(new Decoder(buf))
  console.log(JSON.stringify({ isControlBatch: decoded.isControlBatch, inTransaction: decoded.inTransaction,
    producerId: decoded.producerId, records: decoded.records.map(r => ({ isControlRecord: r.isControlRecord,
      key: r.key && r.key.toString('hex'), value: r.value && r.value.toString('hex') })) }))
}
main().catch(e => { console.error(e); process.exit(1) })
