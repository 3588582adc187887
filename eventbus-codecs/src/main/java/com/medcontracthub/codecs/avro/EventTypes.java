package com.medcontracthub.codecs.avro;

import com.medcontracthub.events.DocumentDeadLettered;
import com.medcontracthub.events.DocumentProcessed;
import com.medcontracthub.events.DocumentStepAnswered;
import com.medcontracthub.events.DocumentStepChanged;
import com.medcontracthub.events.DocumentTextExtracted;
import com.medcontracthub.events.DocumentUploaded;
import com.medcontracthub.events.JobProgressed;
import com.medcontracthub.events.OpportunityChanged;
import com.medcontracthub.events.PipelineStageChanged;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/** Every event type the system writes or reads; each is generated from {@code src/main/avro} and released. */
public final class EventTypes {

  public static final List<Class<? extends SpecificRecord>> ALL = List.of(OpportunityChanged.class,
      PipelineStageChanged.class, JobProgressed.class, DocumentProcessed.class, DocumentUploaded.class,
      DocumentTextExtracted.class, DocumentStepChanged.class, DocumentDeadLettered.class,
      DocumentStepAnswered.class);

  private EventTypes() {
  }

  public static Schema schema(Class<? extends SpecificRecord> type) {
    return SpecificData.get().getSchema(type);
  }
}
