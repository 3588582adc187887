package com.medcontracthub.opportunities.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads opportunity records one at a time from either a SAM.gov Opportunities API v2 search response
 * ({@code {"totalRecords":…,"opportunitiesData":[…]}}) or JSON lines of records, holding one record in memory at a
 * time whatever the file's size. Blocking: run it off the event loop.
 */
public final class OpportunityFileReader implements RecordSource, Closeable {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String RECORDS_FIELD = "opportunitiesData";

  private final JsonParser parser;
  private boolean inResponseArray;
  /** Reading only to check the file: values are skipped, not built. */
  private boolean checking;

  public OpportunityFileReader(InputStream in) throws IOException {
    this.parser = MAPPER.getFactory().createParser(in);
  }

  @Override
  public Map<String, Object> next() throws IOException {
    try {
      if (inResponseArray) {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.START_OBJECT) {
          return readObjectRest();
        }
        if (token != JsonToken.END_ARRAY) {
          throw malformed("expected a record object in " + RECORDS_FIELD);
        }
        inResponseArray = false;
        skipRestOfObject();
      }
      JsonToken token = parser.nextToken();
      if (token == null) {
        return null;
      }
      if (token != JsonToken.START_OBJECT) {
        throw malformed("expected a JSON object");
      }
      return readRootObject();
    } catch (JsonProcessingException e) {
      throw new MalformedFileException(describe(e.getLocation()) + ": " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Reads the rest of the file as {@link #next} would, skipping values instead of building them: fails with
   * {@link MalformedFileException} where it stops being JSON or the shapes read.
   */
  public void readToEnd() throws IOException {
    checking = true;
    Map<String, Object> record;
    do {
      record = next();
    } while (record != null);
  }

  /**
   * A root object is either a search response, whose records are then streamed from its array, or one record of a
   * JSON-lines file.
   */
  private Map<String, Object> readRootObject() throws IOException {
    Map<String, Object> fields = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (name.equals(RECORDS_FIELD) && value == JsonToken.START_ARRAY) {
        inResponseArray = true;
        return next();
      }
      if (checking) {
        parser.skipChildren();
      } else {
        fields.put(name, MAPPER.readValue(parser, Object.class));
      }
    }
    return fields;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> readObjectRest() throws IOException {
    if (checking) {
      parser.skipChildren();
      return Map.of();
    }
    return MAPPER.readValue(parser, LinkedHashMap.class);
  }

  private void skipRestOfObject() throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      parser.nextToken();
      parser.skipChildren();
    }
  }

  private MalformedFileException malformed(String what) {
    return new MalformedFileException(describe(parser.currentLocation()) + ": " + what);
  }

  private static String describe(JsonLocation location) {
    return "malformed JSON at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  @Override
  public long bytesRead() {
    return parser.currentLocation().getByteOffset();
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
