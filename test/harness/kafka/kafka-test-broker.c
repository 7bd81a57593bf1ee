/*
 * Sluice's Kafka-protocol test broker: librdkafka's mock cluster (patched for transactional
 * semantics by librdkafka-mock-patches.ts) as a small program a test harness drives.
 *
 *   kafka-test-broker BROKERS [TOPIC:PARTITIONS ...]
 *
 * Listens on random 127.0.0.1 ports and prints the bootstrap list as its first stdout line.
 * Commands, one per stdin line, each answered by one stdout line starting with "ok" or "error":
 *   create TOPIC PARTITIONS   a topic
 *   down BROKER|-1            drops a broker's (or every broker's) connections and refuses new ones
 *   up BROKER|-1              accepts connections again
 *   errors API COUNT ERR      the next COUNT requests of Kafka API key API (any broker, any
 *                             client) fail with error code ERR; ERR -195 (librdkafka's
 *                             __TRANSPORT) drops the connection instead, after the request
 *                             took effect, as a broker that dies before answering
 *   partition-errors TOPIC PARTITION API COUNT ERR
 *                             the same, for one partition of a Produce or Fetch
 *   topic-error TOPIC ERR     Metadata and AddPartitionsToTxn answer ERR for TOPIC until
 *                             set back to 0
 *   clear-errors API          drops what "errors" left for API
 *   quit
 * It exits when stdin closes, so a harness that dies leaves no broker behind.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#define LEAVE_GROUP_API_KEY 13
#define MAX_INJECTED 1000

static int replication(int brokers) { return brokers < 3 ? brokers : 3; }

static void reply(rd_kafka_resp_err_t err, const char *what) {
  if (err)
    printf("error %s: %s\n", what, rd_kafka_err2str(err));
  else
    printf("ok %s\n", what);
  fflush(stdout);
}

int main(int argc, char **argv) {
  int brokers = argc > 1 ? atoi(argv[1]) : 1;
  if (brokers < 1) brokers = 1;
  char errstr[512];
  rd_kafka_conf_t *conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "log_level", "3", errstr, sizeof errstr);
  /* The mock cluster lives inside a client handle; the handle itself is never used. */
  rd_kafka_t *handle = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
  if (!handle) {
    fprintf(stderr, "kafka-test-broker: %s\n", errstr);
    return 1;
  }
  rd_kafka_mock_cluster_t *cluster = rd_kafka_mock_cluster_new(handle, brokers);
  if (!cluster) {
    fprintf(stderr, "kafka-test-broker: cannot create the mock cluster\n");
    return 1;
  }
  /* kafkajs' admin client and idempotent producers ask the controller; the mock has none by default. */
  rd_kafka_mock_set_controller_id(cluster, 1);
  /* Tests join consumer groups often; the default 3 s initial rebalance delay only slows them. */
  rd_kafka_mock_group_initial_rebalance_delay_ms(cluster, 0);
  /* kafkajs' LeaveGroup v3+ encoding is not what the mock decodes: offer v0-v2 only. */
  rd_kafka_mock_set_apiversion(cluster, LEAVE_GROUP_API_KEY, 0, 2);

  for (int i = 2; i < argc; i++) {
    char *colon = strchr(argv[i], ':');
    int partitions = 1;
    if (colon) {
      *colon = '\0';
      partitions = atoi(colon + 1);
    }
    rd_kafka_resp_err_t err = rd_kafka_mock_topic_create(cluster, argv[i], partitions, replication(brokers));
    if (err) {
      fprintf(stderr, "kafka-test-broker: topic %s: %s\n", argv[i], rd_kafka_err2str(err));
      return 1;
    }
  }
  printf("%s\n", rd_kafka_mock_cluster_bootstraps(cluster));
  fflush(stdout);

  char line[1024], name[512];
  int number, api, count, code;
  while (fgets(line, sizeof line, stdin)) {
    if (sscanf(line, "errors %d %d %d", &api, &count, &code) == 3 && count > 0 && count <= MAX_INJECTED) {
      rd_kafka_resp_err_t codes[MAX_INJECTED];
      for (int i = 0; i < count; i++) codes[i] = (rd_kafka_resp_err_t)code;
      rd_kafka_mock_push_request_errors_array(cluster, (int16_t)api, (size_t)count, codes);
      reply(RD_KAFKA_RESP_ERR_NO_ERROR, "errors");
    } else if (sscanf(line, "partition-errors %511s %d %d %d %d", name, &number, &api, &count, &code) == 5 && count > 0 && count <= MAX_INJECTED) {
      rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR_NO_ERROR;
      for (int i = 0; i < count && !err; i++) err = rd_kafka_mock_partition_push_request_errors(cluster, name, number, (int16_t)api, 1, (rd_kafka_resp_err_t)code);
      reply(err, "partition-errors");
    } else if (sscanf(line, "topic-error %511s %d", name, &code) == 2) {
      rd_kafka_mock_topic_set_error(cluster, name, (rd_kafka_resp_err_t)code);
      reply(RD_KAFKA_RESP_ERR_NO_ERROR, "topic-error");
    } else if (sscanf(line, "clear-errors %d", &api) == 1) {
      rd_kafka_mock_clear_request_errors(cluster, (int16_t)api);
      reply(RD_KAFKA_RESP_ERR_NO_ERROR, "clear-errors");
    } else if (sscanf(line, "create %511s %d", name, &number) == 2)
      reply(rd_kafka_mock_topic_create(cluster, name, number, replication(brokers)), "create");
    else if (sscanf(line, "down %d", &number) == 1)
      reply(rd_kafka_mock_broker_set_down(cluster, number), "down");
    else if (sscanf(line, "up %d", &number) == 1)
      reply(rd_kafka_mock_broker_set_up(cluster, number), "up");
    else if (strncmp(line, "quit", 4) == 0)
      break;
    else {
      printf("error unknown command: %s", line);
      fflush(stdout);
    }
  }
  rd_kafka_mock_cluster_destroy(cluster);
  rd_kafka_destroy(handle);
  return 0;
}
