/* bench/rdkafka_mock_bench.c — the reference point for kafkasim's 1M-record
 * acks=all benchmark: librdkafka's own mock cluster (rdkafka_mock.h), three
 * mock brokers in this process, a topic with 1 partition and replication
 * factor 3, and a real librdkafka producer writing to it over loopback with
 * the same producer settings as `kafkasim-bench acks-all`: acks=all,
 * linger.ms=5, batch.size=65536, max.in.flight 5, idempotence on (Kafka 3's
 * default), null keys, 100-byte values.
 *
 *   rdkafka-mock-bench N     produce N records; prints how many were delivered
 *
 * Like kafkasim-bench it reads no clock: time it from outside as a whole
 * process (docs/performance.md). Built only when librdkafka-dev is present.
 */
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long delivered = 0;
static long failed = 0;

static void on_delivery(rd_kafka_t *rk, const rd_kafka_message_t *m, void *opaque) {
  (void)rk;
  (void)opaque;
  if (m->err) ++failed;
  else ++delivered;
}

static int set(rd_kafka_conf_t *conf, const char *key, const char *value) {
  char err[256];
  if (rd_kafka_conf_set(conf, key, value, err, sizeof err) == RD_KAFKA_CONF_OK) return 1;
  fprintf(stderr, "rdkafka-mock-bench: %s=%s: %s\n", key, value, err);
  return 0;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: rdkafka-mock-bench N\n");
    return 2;
  }
  long n = strtol(argv[1], NULL, 10);
  char err[512];

  /* The mock cluster runs on its own librdkafka handle's threads. */
  rd_kafka_conf_t *mconf = rd_kafka_conf_new();
  set(mconf, "log_level", "3");
  rd_kafka_t *mrk = rd_kafka_new(RD_KAFKA_PRODUCER, mconf, err, sizeof err);
  if (!mrk) {
    fprintf(stderr, "rdkafka-mock-bench: %s\n", err);
    return 1;
  }
  rd_kafka_mock_cluster_t *mc = rd_kafka_mock_cluster_new(mrk, 3);
  if (!mc || rd_kafka_mock_topic_create(mc, "bench", 1, 3) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    fprintf(stderr, "rdkafka-mock-bench: cannot create the mock cluster or its topic\n");
    return 1;
  }

  rd_kafka_conf_t *conf = rd_kafka_conf_new();
  if (!set(conf, "bootstrap.servers", rd_kafka_mock_cluster_bootstraps(mc)) || !set(conf, "acks", "all") ||
      !set(conf, "linger.ms", "5") || !set(conf, "batch.size", "65536") ||
      !set(conf, "max.in.flight.requests.per.connection", "5") || !set(conf, "enable.idempotence", "true") ||
      !set(conf, "queue.buffering.max.messages", "1000000")) {
    return 2;
  }
  rd_kafka_conf_set_dr_msg_cb(conf, on_delivery);
  rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  if (!rk) {
    fprintf(stderr, "rdkafka-mock-bench: %s\n", err);
    return 1;
  }

  char value[100];
  memset(value, 'v', sizeof value);
  for (long i = 0; i < n;) {
    rd_kafka_resp_err_t e = rd_kafka_producev(rk, RD_KAFKA_V_TOPIC("bench"), RD_KAFKA_V_PARTITION(0),
                                              RD_KAFKA_V_VALUE(value, sizeof value),
                                              RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END);
    if (e == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
      rd_kafka_poll(rk, 10);
      continue;
    }
    if (e) {
      fprintf(stderr, "rdkafka-mock-bench: produce: %s\n", rd_kafka_err2str(e));
      return 1;
    }
    ++i;
    rd_kafka_poll(rk, 0);
  }
  while (delivered + failed < n) rd_kafka_poll(rk, 100);
  printf("delivered=%ld failed=%ld\n", delivered, failed);
  rd_kafka_destroy(rk);
  rd_kafka_mock_cluster_destroy(mc);
  rd_kafka_destroy(mrk);
  return failed == 0 ? 0 : 1;
}
