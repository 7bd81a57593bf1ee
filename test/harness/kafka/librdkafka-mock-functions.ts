/**
 * C functions the source edits in librdkafka-mock-patches.ts add to librdkafka's mock cluster
 * (whole functions; the edits put them next to their callers).
 */

/** Ends a transaction (commit or abort) for EndTxn and for fencing; applies its staged offsets on commit. */
export const END_TRANSACTION_HELPER = `
/* Sluice: ends mtxn (commit or abort). Writes a control batch to each partition that got data,
 * records aborted ranges for read_committed fetches, applies (commit) or drops (abort) the
 * offsets TxnOffsetCommit staged, and moves the last stable offsets. Caller holds mcluster->lock. */
void sluice_mock_txn_end(rd_kafka_mock_cluster_t *mcluster, rd_kafka_mock_txn_t *mtxn,
                         rd_kafka_pid_t pid, rd_bool_t commit) {
        rd_kafka_mock_txn_partition_t *tp;
        sluice_mock_staged_offset_t *staged, *next;
        if (mtxn->state != RD_KAFKA_MOCK_TXN_ONGOING)
                return; /* already ended: EndTxn retries are answered with success */
        TAILQ_FOREACH(tp, &mtxn->partitions, link) {
                rd_kafka_mock_topic_t *topic = rd_kafka_mock_topic_find(mcluster, tp->topic_name);
                rd_kafka_mock_partition_t *part = topic ? rd_kafka_mock_partition_find(topic, tp->partition) : NULL;
                int64_t last_data;
                if (!part || tp->first_offset < 0)
                        continue;
                last_data = part->end_offset - 1;
                rd_kafka_mock_partition_write_control_batch(part, pid, commit);
                if (!commit) {
                        rd_kafka_mock_aborted_txn_t *range = rd_calloc(1, sizeof(*range)), *later;
                        range->pid_id = pid.id;
                        range->first_offset = tp->first_offset;
                        range->last_offset = last_data;
                        /* Kept sorted by first offset, as Kafka lists them in Fetch responses:
                         * clients (kafkajs' filterAbortedMessages) walk the list in order. */
                        TAILQ_FOREACH(later, &part->aborted_txns, link) {
                                if (later->first_offset > range->first_offset)
                                        break;
                        }
                        if (later)
                                TAILQ_INSERT_BEFORE(later, range, link);
                        else
                                TAILQ_INSERT_TAIL(&part->aborted_txns, range, link);
                }
        }
        for (staged = TAILQ_FIRST(&mtxn->staged_offsets); staged; staged = next) {
                next = TAILQ_NEXT(staged, link);
                if (commit) {
                        rd_kafka_mock_topic_t *topic = rd_kafka_mock_topic_find(mcluster, staged->topic);
                        rd_kafka_mock_partition_t *part = topic ? rd_kafka_mock_partition_find(topic, staged->partition) : NULL;
                        if (part) {
                                rd_kafkap_str_t group = {.str = staged->group, .len = (int)strlen(staged->group)};
                                rd_kafkap_str_t meta = {.str = staged->metadata,
                                                        .len = staged->metadata ? (int)strlen(staged->metadata) : -1};
                                rd_kafka_mock_commit_offset(part, &group, staged->offset, &meta);
                        }
                }
                TAILQ_REMOVE(&mtxn->staged_offsets, staged, link);
                rd_free(staged->group);
                rd_free(staged->topic);
                rd_free(staged->metadata);
                rd_free(staged);
        }
        mtxn->state = RD_KAFKA_MOCK_TXN_NONE; /* before the LSO update, which skips open transactions only */
        TAILQ_FOREACH(tp, &mtxn->partitions, link) {
                rd_kafka_mock_topic_t *topic = rd_kafka_mock_topic_find(mcluster, tp->topic_name);
                rd_kafka_mock_partition_t *part = topic ? rd_kafka_mock_partition_find(topic, tp->partition) : NULL;
                if (part)
                        rd_kafka_mock_partition_update_lso(part, mcluster);
        }
        rd_kafka_mock_txn_partitions_clear(mtxn);
}
`;

export const CREATE_TOPICS_HANDLER = `
/* Sluice: CreateTopics v0-v1 (kafkajs admin.createTopics). Assignments and configs are read
 * and ignored; partitions and replication factor -1 mean the cluster defaults. */
static int sluice_mock_handle_CreateTopics(rd_kafka_mock_connection_t *mconn, rd_kafka_buf_t *rkbuf) {
        rd_kafka_mock_cluster_t *mcluster = mconn->broker->cluster;
        const rd_bool_t log_decode_errors = rd_true;
        rd_kafka_buf_t *resp = rd_kafka_mock_buf_new_response(rkbuf);
        int32_t topic_cnt, timeout_ms;
        rd_bool_t validate_only = rd_false;
        rd_kafka_buf_read_arraycnt(rkbuf, &topic_cnt, RD_KAFKAP_TOPICS_MAX);
        rd_kafka_buf_write_arraycnt(resp, topic_cnt);
        while (topic_cnt-- > 0) {
                rd_kafkap_str_t name;
                int32_t partitions, assignment_cnt, config_cnt;
                int16_t replication;
                rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR_NO_ERROR;
                rd_kafka_buf_read_str(rkbuf, &name);
                rd_kafka_buf_read_i32(rkbuf, &partitions);
                rd_kafka_buf_read_i16(rkbuf, &replication);
                rd_kafka_buf_read_arraycnt(rkbuf, &assignment_cnt, 100000);
                while (assignment_cnt-- > 0) {
                        int32_t index, replica_cnt, replica;
                        rd_kafka_buf_read_i32(rkbuf, &index);
                        rd_kafka_buf_read_arraycnt(rkbuf, &replica_cnt, 100000);
                        while (replica_cnt-- > 0)
                                rd_kafka_buf_read_i32(rkbuf, &replica);
                }
                rd_kafka_buf_read_arraycnt(rkbuf, &config_cnt, 100000);
                while (config_cnt-- > 0) {
                        rd_kafkap_str_t key, value;
                        rd_kafka_buf_read_str(rkbuf, &key);
                        rd_kafka_buf_read_str(rkbuf, &value);
                }
                if (partitions == -1)
                        partitions = mcluster->defaults.partition_cnt;
                if (replication == -1)
                        replication = (int16_t)mcluster->defaults.replication_factor;
                if (rd_kafka_mock_topic_find_by_kstr(mcluster, &name))
                        err = RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS;
                else if (partitions < 1)
                        err = RD_KAFKA_RESP_ERR_INVALID_PARTITIONS;
                else if (replication < 1 || replication > mcluster->broker_cnt)
                        err = RD_KAFKA_RESP_ERR_INVALID_REPLICATION_FACTOR;
                else {
                        char *topic = RD_KAFKAP_STR_DUP(&name);
                        rd_kafka_resp_err_t create_err;
                        rd_kafka_mock_topic_auto_create(mcluster, topic, partitions, &create_err);
                        rd_free(topic);
                }
                rd_kafka_buf_write_kstr(resp, &name);
                rd_kafka_buf_write_i16(resp, err);
                if (rkbuf->rkbuf_reqhdr.ApiVersion >= 1)
                        rd_kafka_buf_write_str(resp, NULL, -1);
        }
        rd_kafka_buf_read_i32(rkbuf, &timeout_ms);
        if (rkbuf->rkbuf_reqhdr.ApiVersion >= 1)
                rd_kafka_buf_read_bool(rkbuf, &validate_only);
        rd_kafka_mock_connection_send_response(mconn, resp);
        return 0;
err_parse:
        rd_kafka_buf_destroy(resp);
        return -1;
}
`;
