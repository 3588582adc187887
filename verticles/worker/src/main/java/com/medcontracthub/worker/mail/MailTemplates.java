package com.medcontracthub.worker.mail;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.medcontracthub.jobs.JobFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The e-mail templates, Mustache files in the {@code mail/} resources: {@code <name>.subject.mustache} (one line) and
 * {@code <name>.txt.mustache}. Compiled once, when the worker starts (reading them blocks); rendering does not.
 */
public final class MailTemplates {

  /** The templates there are, by name. */
  public static final List<String> NAMES = List.of("digest", "reminders", "weekly-report", "welcome");

  /** A rendered message. */
  public record Rendered(String subject, String text) {
  }

  private record Template(Mustache subject, Mustache text) {
  }

  private final Map<String, Template> templates = new TreeMap<>();

  /** Compiles every template; blocks. */
  public static MailTemplates load() {
    DefaultMustacheFactory factory = new DefaultMustacheFactory("mail") {
      // plain-text mail: a value is written as it is, not HTML-escaped
      @Override
      public void encode(String value, Writer writer) {
        try {
          writer.write(value);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
    MailTemplates loaded = new MailTemplates();
    NAMES.forEach(name -> loaded.templates.put(name,
        new Template(factory.compile(name + ".subject.mustache"), factory.compile(name + ".txt.mustache"))));
    return loaded;
  }

  /** Fills the named template with the model; a template that does not exist fails the job for good. */
  public Rendered render(String name, JsonObject model) {
    Template template = templates.get(name);
    if (template == null) {
      throw new JobFailure("no e-mail template '" + name + "'; there are: " + String.join(", ", templates.keySet()));
    }
    Map<String, Object> scope = plain(model);
    return new Rendered(render(template.subject(), scope).strip(), render(template.text(), scope));
  }

  /** The model as maps and lists all the way down, which Mustache walks ({@code {{#items}}…{{/items}}}). */
  private static Map<String, Object> plain(JsonObject object) {
    Map<String, Object> map = new LinkedHashMap<>();
    object.forEach(field -> map.put(field.getKey(), plain(field.getValue())));
    return map;
  }

  private static Object plain(Object value) {
    if (value instanceof JsonObject object) {
      return plain(object);
    }
    if (value instanceof JsonArray array) {
      return array.stream().map(MailTemplates::plain).toList();
    }
    return value;
  }

  private static String render(Mustache mustache, Map<String, Object> scope) {
    StringWriter out = new StringWriter();
    mustache.execute(out, scope);
    return out.toString();
  }
}
