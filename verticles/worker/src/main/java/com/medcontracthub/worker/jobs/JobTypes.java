package com.medcontracthub.worker.jobs;

import com.medcontracthub.jobs.JobHandler;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The job types this worker runs, each on its queue with its handler. */
public final class JobTypes {

  /** A type of job: its name (what enqueuers give), its queue, and what runs it. */
  public record JobType(String name, String queue, JobHandler handler) {
  }

  private final Map<String, JobType> types = new TreeMap<>();

  public JobTypes(List<JobType> all) {
    all.forEach(type -> types.put(type.name(), type));
  }

  public Optional<JobType> find(String name) {
    return Optional.ofNullable(types.get(name));
  }

  public Set<String> names() {
    return types.keySet();
  }

  public Set<String> queues() {
    return types.values().stream().map(JobType::queue).collect(Collectors.toCollection(TreeSet::new));
  }

  /** The handlers of each queue's job types: queue → type → handler. */
  public Map<String, Map<String, JobHandler>> handlersByQueue() {
    return types.values().stream().collect(Collectors.groupingBy(JobType::queue,
        Collectors.toMap(JobType::name, JobType::handler)));
  }
}
