package com.medcontracthub.platform.kafka;

import io.vertx.core.Future;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.admin.ListOffsetsResultInfo;
import io.vertx.kafka.admin.OffsetSpec;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** How far a consumer group is behind a topic, and where the topic ends. */
public final class ConsumerLag {

  private ConsumerLag() {
  }

  /**
   * The records written and not yet committed past, over the topic's partitions; a partition the group never
   * committed on counts from its earliest record still kept (where the group starts).
   */
  public static Future<Long> of(KafkaAdminClient admin, String topic, String group) {
    return Future.all(offsets(admin, topic, OffsetSpec.EARLIEST), offsets(admin, topic, OffsetSpec.LATEST),
        admin.listConsumerGroupOffsets(group)).map(all -> {
          Map<TopicPartition, Long> earliest = all.resultAt(0);
          Map<TopicPartition, Long> latest = all.resultAt(1);
          Map<TopicPartition, OffsetAndMetadata> committed = all.resultAt(2);
          long lag = 0;
          for (Map.Entry<TopicPartition, Long> end : latest.entrySet()) {
            OffsetAndMetadata at = committed.get(end.getKey());
            long from = Math.max(earliest.getOrDefault(end.getKey(), 0L), at == null ? 0 : at.getOffset());
            lag += Math.max(0, end.getValue() - from);
          }
          return lag;
        });
  }

  /** The records ever written to the topic: the sum of its partitions' end offsets. */
  public static Future<Long> written(KafkaAdminClient admin, String topic) {
    return offsets(admin, topic, OffsetSpec.LATEST)
        .map(ends -> ends.values().stream().mapToLong(Long::longValue).sum());
  }

  private static Future<Map<TopicPartition, Long>> offsets(KafkaAdminClient admin, String topic, OffsetSpec spec) {
    return admin.describeTopics(List.of(topic)).compose(topics -> {
      Map<TopicPartition, OffsetSpec> asked = new HashMap<>();
      topics.get(topic).getPartitions().forEach(p -> asked.put(new TopicPartition(topic, p.getPartition()), spec));
      return admin.listOffsets(asked);
    }).map(found -> {
      Map<TopicPartition, Long> offsets = new HashMap<>();
      found.forEach((partition, info) -> offsets.put(partition, ((ListOffsetsResultInfo) info).getOffset()));
      return offsets;
    });
  }
}
