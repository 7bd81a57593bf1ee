import * as fs from 'node:fs';
import * as path from 'node:path';
import { CREATE_TOPICS_HANDLER, END_TRANSACTION_HELPER } from './librdkafka-mock-functions';

/**
 * Source edits that give librdkafka's mock cluster (2.15.x) the transactional semantics
 * exactly-once tests depend on. Out of the box the mock writes transaction markers but serves
 * read_committed consumers everything up to the high watermark, never fences a
 * transactional.id that is initialised again, applies TxnOffsetCommit at once, and has no
 * CreateTopics. Each edit names a unique anchor in librdkafka's source; if an anchor is missing
 * or not unique (librdkafka changed), applying fails naming the edit instead of building a
 * broker with half the semantics.
 */
export interface SourceEdit {
  readonly why: string;
  readonly file: string;
  /** Text that must occur exactly once. */
  readonly anchor: string;
  /** Replaces the anchor; or, with `until`, the anchor and everything up to (not including) `until`. */
  readonly replacement: string;
  readonly until?: string;
}

const HANDLERS = 'rdkafka_mock_handlers.c';

export const MOCK_EDITS: readonly SourceEdit[] = [
  {
    // The mock remembers the sequence numbers that follow each of a producer's last 5 batches
    // per partition, but not where the first batch began: a retry of the first batch (kafkajs
    // resends every partition of a produce request when one partition failed) was refused
    // with DUPLICATE_SEQUENCE_NUMBER. Kafka acknowledges it as a duplicate, not written again.
    why: "a retried first batch of a producer is a legal duplicate, as in Kafka",
    file: 'rdkafka_mock.c',
    anchor: '        /* Update BaseSequence window */\n',
    replacement: '        if (unlikely(mpidstate->window == 0)) { /* Sluice: remember where the first batch began */\n                mpidstate->window = 1;\n                mpidstate->seq[0] = BaseSequence;\n        }\n        /* Update BaseSequence window */\n',
  },
  {
    // The mock drops a partition's oldest message sets beyond 5 MB: a benchmark's input topic
    // of 200k records lost its first 30k before anyone read them, and a consumer waiting for
    // all of them waited forever. Tests want no retention at all (Kafka's default is 7 days).
    why: 'no retention: a partition keeps every record (the mock dropped the oldest beyond 5 MB)',
    file: 'rdkafka_mock.c',
    anchor: '        mpart->max_size = 1024 * 1024 * 5;\n        mpart->max_cnt  = 100000;',
    replacement: '        mpart->max_size = SIZE_MAX;\n        mpart->max_cnt  = SIZE_MAX;',
  },
  {
    why: 'a transaction holds the offsets TxnOffsetCommit staged until EndTxn',
    file: 'rdkafka_mock_int.h',
    anchor: 'typedef struct rd_kafka_mock_txn_s {',
    replacement: `typedef struct sluice_mock_staged_offset_s {
        TAILQ_ENTRY(sluice_mock_staged_offset_s) link;
        char *group;
        char *topic;
        char *metadata; /* NULL when the request carried none */
        int32_t partition;
        int64_t offset;
} sluice_mock_staged_offset_t;

typedef struct rd_kafka_mock_txn_s {`,
  },
  {
    why: 'the staged offsets list in the transaction',
    file: 'rdkafka_mock_int.h',
    anchor: '        int partition_cnt;\n} rd_kafka_mock_txn_t;',
    replacement: '        int partition_cnt;\n        TAILQ_HEAD(, sluice_mock_staged_offset_s) staged_offsets;\n} rd_kafka_mock_txn_t;\n\nvoid sluice_mock_txn_end(rd_kafka_mock_cluster_t *mcluster, rd_kafka_mock_txn_t *mtxn,\n                         rd_kafka_pid_t pid, rd_bool_t commit);',
  },
  {
    why: 'a new transaction starts with no staged offsets',
    file: 'rdkafka_mock.c',
    anchor: '        TAILQ_INIT(&mtxn->partitions);\n        mtxn->partition_cnt = 0;',
    replacement: '        TAILQ_INIT(&mtxn->partitions);\n        TAILQ_INIT(&mtxn->staged_offsets);\n        mtxn->partition_cnt = 0;',
  },
  {
    why: 'the end-transaction helper, next to the other transaction helpers',
    file: 'rdkafka_mock.c',
    anchor: '/**\n * @brief Looks up or creates a new pidstate for the given partition and PID.',
    replacement: `${END_TRANSACTION_HELPER}\n/**\n * @brief Looks up or creates a new pidstate for the given partition and PID.`,
  },
  {
    why: 'Fetch before v4 carries no isolation level: read_uncommitted',
    file: HANDLERS,
    anchor: '        int8_t IsolationLevel;\n        size_t totsize = 0;',
    replacement: '        int8_t IsolationLevel = 0;\n        size_t totsize = 0;',
  },
  {
    why: 'read_committed Fetch returns nothing at or beyond the last stable offset',
    file: HANDLERS,
    anchor: '                        /* Response: ErrorCode */\n                        rd_kafka_buf_write_i16(resp, err);\n\n                        /* Response: Highwatermark */',
    replacement: `                        if (!err && mset && IsolationLevel == 1 && mset->first_offset >= mpart->lso)
                                mset = NULL; /* Sluice: not stable yet */

                        /* Response: ErrorCode */
                        rd_kafka_buf_write_i16(resp, err);

                        /* Response: Highwatermark */`,
  },
  {
    why: 'Fetch answers the real last stable offset to read_committed consumers',
    file: HANDLERS,
    anchor: '                                /* Response: LastStableOffset */\n                                rd_kafka_buf_write_i64(\n                                    resp, mpart ? mpart->end_offset : -1);',
    replacement: '                                /* Response: LastStableOffset */\n                                rd_kafka_buf_write_i64(\n                                    resp, !mpart ? -1 : IsolationLevel == 1 ? mpart->lso : mpart->end_offset);',
  },
  {
    why: 'read_committed Fetch lists the aborted transaction the returned batch belongs to',
    file: HANDLERS,
    anchor: '                                /* Response: #Aborted */\n                                rd_kafka_buf_write_arraycnt(resp, 0);',
    replacement: `                                /* Response: #Aborted. Sluice: the aborted transaction the
                                 * returned batch belongs to, if any. One batch has one producer,
                                 * and kafkajs walks this list one entry per message, so listing
                                 * other transactions (that began earlier) would let it miss this one. */
                                rd_kafka_mock_aborted_txn_t *range, *own = NULL;
                                if (IsolationLevel == 1 && mset && mpart &&
                                    mset->bytes.len >= RD_KAFKAP_MSGSET_V2_OF_ProducerId + 8) {
                                        int64_t batch_pid;
                                        memcpy(&batch_pid, (const char *)mset->bytes.data + RD_KAFKAP_MSGSET_V2_OF_ProducerId, 8);
                                        batch_pid = be64toh(batch_pid);
                                        TAILQ_FOREACH(range, &mpart->aborted_txns, link) {
                                                if (range->pid_id == batch_pid && range->first_offset <= mset->last_offset &&
                                                    range->last_offset >= mset->first_offset) {
                                                        own = range;
                                                        break;
                                                }
                                        }
                                }
                                rd_kafka_buf_write_arraycnt(resp, own ? 1 : 0);
                                if (own) {
                                        rd_kafka_buf_write_i64(resp, own->pid_id);
                                        rd_kafka_buf_write_i64(resp, own->first_offset);
                                        rd_kafka_buf_write_tags_empty(resp);
                                }`,
  },
  {
    why: 'ListOffsets before v2 carries no isolation level: read_uncommitted',
    file: HANDLERS,
    anchor: '        int32_t ReplicaId, TopicsCnt;\n        int8_t IsolationLevel;',
    replacement: '        int32_t ReplicaId, TopicsCnt;\n        int8_t IsolationLevel = 0;',
  },
  {
    why: 'ListOffsets latest is the last stable offset for read_committed',
    file: HANDLERS,
    anchor: '                                else if (Timestamp == RD_KAFKA_OFFSET_END)\n                                        Offset = mpart->end_offset;',
    replacement: '                                else if (Timestamp == RD_KAFKA_OFFSET_END)\n                                        Offset = IsolationLevel == 1 ? mpart->lso : mpart->end_offset;',
  },
  {
    why: 'EndTxn goes through the shared helper (which also applies staged offsets)',
    file: HANDLERS,
    anchor: '        /* Commit/abort the transaction. */\n        if (!err) {',
    until: 'write_response:',
    replacement: `        /* Commit/abort the transaction (Sluice: through the shared helper). */
        if (!err) {
                mtx_lock(&mcluster->lock);
                sluice_mock_txn_end(mcluster, rd_kafka_mock_txn_get(mcluster, &TransactionalId), pid, committed);
                mtx_unlock(&mcluster->lock);
        }

`,
  },
  {
    why: 'InitProducerId of a known transactional.id keeps its producer id, bumps the epoch (fencing the old producer) and aborts its open transaction, as Kafka does',
    file: HANDLERS,
    anchor: '                        /* Generate a new pid */\n                        pid = rd_kafka_mock_pid_new(mcluster, &TransactionalId);',
    replacement: `                        rd_kafka_mock_pid_t *known = NULL;
                        if (!RD_KAFKAP_STR_IS_NULL(&TransactionalId)) {
                                rd_kafka_mock_pid_t *candidate;
                                int i;
                                mtx_lock(&mcluster->lock);
                                RD_LIST_FOREACH(candidate, &mcluster->pids, i) {
                                        if (!rd_kafkap_str_cmp_str(&TransactionalId, candidate->TransactionalId))
                                                known = candidate;
                                }
                                if (known) {
                                        sluice_mock_txn_end(mcluster, rd_kafka_mock_txn_get(mcluster, &TransactionalId),
                                                            known->pid, rd_false);
                                        known->pid.epoch++;
                                        pid = known->pid;
                                }
                                mtx_unlock(&mcluster->lock);
                        }
                        if (!known)
                                pid = rd_kafka_mock_pid_new(mcluster, &TransactionalId);`,
  },
  {
    why: 'AddOffsetsToTxn opens the transaction (a transaction may hold offsets only)',
    file: HANDLERS,
    anchor: `        if (!err)
                err = rd_kafka_mock_pid_check(mcluster, &TransactionalId, pid);

        /* Response: ErrorCode */
        rd_kafka_buf_write_i16(resp, err);

        rd_kafka_mock_connection_send_response(mconn, resp);

        return 0;

err_parse:
        rd_kafka_buf_destroy(resp);
        return -1;
}


/**
 * @brief Handle TxnOffsetCommit`,
    replacement: `        if (!err)
                err = rd_kafka_mock_pid_check(mcluster, &TransactionalId, pid);

        if (!err) { /* Sluice */
                rd_kafka_mock_txn_t *txn;
                mtx_lock(&mcluster->lock);
                txn = rd_kafka_mock_txn_get(mcluster, &TransactionalId);
                txn->pid = pid;
                txn->state = RD_KAFKA_MOCK_TXN_ONGOING;
                mtx_unlock(&mcluster->lock);
        }

        /* Response: ErrorCode */
        rd_kafka_buf_write_i16(resp, err);

        rd_kafka_mock_connection_send_response(mconn, resp);

        return 0;

err_parse:
        rd_kafka_buf_destroy(resp);
        return -1;
}


/**
 * @brief Handle TxnOffsetCommit`,
  },
  {
    why: 'TxnOffsetCommit stages the offset in the transaction instead of committing it',
    file: HANDLERS,
    anchor: '                        /* CommittedMetadata */\n                        rd_kafka_buf_read_str(rkbuf, &Metadata);\n\n                        /* Response: ErrorCode */',
    replacement: `                        /* CommittedMetadata */
                        rd_kafka_buf_read_str(rkbuf, &Metadata);

                        if (!err && mpart) { /* Sluice: applied by EndTxn(commit) */
                                sluice_mock_staged_offset_t *staged = rd_calloc(1, sizeof(*staged));
                                staged->group = RD_KAFKAP_STR_DUP(&GroupId);
                                staged->topic = RD_KAFKAP_STR_DUP(&Topic);
                                staged->metadata = RD_KAFKAP_STR_IS_NULL(&Metadata) ? NULL : RD_KAFKAP_STR_DUP(&Metadata);
                                staged->partition = Partition;
                                staged->offset = Offset;
                                mtx_lock(&mcluster->lock);
                                TAILQ_INSERT_TAIL(&rd_kafka_mock_txn_get(mcluster, &TransactionalId)->staged_offsets, staged, link);
                                mtx_unlock(&mcluster->lock);
                        }

                        /* Response: ErrorCode */`,
  },
  {
    why: 'producer ids are unique (the mock draws them at random, and two transactional ids sharing one get INVALID_PRODUCER_ID_MAPPING)',
    file: HANDLERS,
    anchor: '        mpid->pid.id    = rd_jitter(1, 900000) * 1000;',
    replacement: '        static int64_t sluice_next_pid = 1000;\n        mpid->pid.id    = sluice_next_pid++; /* Sluice: unique; callers hold no lock, so the handlers thread alone calls this */',
  },
  {
    why: 'a CreateTopics handler',
    file: HANDLERS,
    anchor: '/**\n * @brief Handle InitProducerId',
    replacement: `${CREATE_TOPICS_HANDLER}\n/**\n * @brief Handle InitProducerId`,
  },
  {
    why: 'CreateTopics is served',
    file: HANDLERS,
    anchor: '        [RD_KAFKAP_EndTxn]          = {0, 1, -1, rd_kafka_mock_handle_EndTxn},',
    replacement: '        [RD_KAFKAP_EndTxn]          = {0, 1, -1, rd_kafka_mock_handle_EndTxn},\n        [RD_KAFKAP_CreateTopics]    = {0, 1, -1, sluice_mock_handle_CreateTopics},',
  },
];

/** Applies every edit to librdkafka's `src/` directory, or throws naming the edit that no longer fits. */
export function applyMockEdits(srcDir: string, edits: readonly SourceEdit[] = MOCK_EDITS): void {
  for (const edit of edits) {
    const file = path.join(srcDir, edit.file);
    const text = fs.readFileSync(file, 'utf8');
    const at = text.indexOf(edit.anchor);
    if (at < 0 || text.indexOf(edit.anchor, at + 1) >= 0) {
      throw new Error(`librdkafka source changed: the anchor for "${edit.why}" is ${at < 0 ? 'missing from' : 'not unique in'} ${edit.file}; update test/harness/kafka/librdkafka-mock-patches.ts`);
    }
    let end = at + edit.anchor.length;
    if (edit.until !== undefined) {
      end = text.indexOf(edit.until, end);
      if (end < 0) throw new Error(`librdkafka source changed: "${edit.until}" not found after the anchor for "${edit.why}" in ${edit.file}`);
    }
    fs.writeFileSync(file, text.slice(0, at) + edit.replacement + text.slice(end));
  }
}
