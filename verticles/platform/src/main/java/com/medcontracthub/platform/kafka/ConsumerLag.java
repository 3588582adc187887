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

/** How far a consumer group is behind a topic: the records written and not yet committed past, over its partitions. */
public final class ConsumerLag {

  private ConsumerLag() {
  }

  /** A partition the group has never committed on counts whole: it has read none of it. */
  public static Future<Long> of(KafkaAdminClient admin, String topic, String group) {
    return admin.describeTopics(List.of(topic)).compose(topics -> {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      topics.get(topic).getPartitions().forEach(p -> latest.put(new TopicPartition(topic, p.getPartition()),
          OffsetSpec.LATEST));
      return Future.all(admin.listOffsets(latest), admin.listConsumerGroupOffsets(group)).map(both -> {
        Map<TopicPartition, ListOffsetsResultInfo> ends = both.resultAt(0);
        Map<TopicPartition, OffsetAndMetadata> committed = both.resultAt(1);
        long lag = 0;
        for (Map.Entry<TopicPartition, ListOffsetsResultInfo> end : ends.entrySet()) {
          OffsetAndMetadata at = committed.get(end.getKey());
          lag += Math.max(0, end.getValue().getOffset() - (at == null ? 0 : at.getOffset()));
        }
        return lag;
      });
    });
  }
}
